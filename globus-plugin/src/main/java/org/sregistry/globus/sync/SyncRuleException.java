package org.sregistry.globus.sync;

import java.util.Objects;

/**
 * Why a sync rule cannot be made, changed, run or shown, as a closed set the web layer maps to HTTP in one place: a
 * bad field (400, naming it), a caller who may not (403), a rule they cannot see (404), a state that does not allow it
 * (409).
 */
public final class SyncRuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds, each with its HTTP status and a stable error code. */
    public enum Kind {
        INVALID(400, "bad_request"),
        FORBIDDEN(403, "forbidden"),
        NOT_FOUND(404, "unknown_sync_rule"),
        CONFLICT(409, "conflict");

        private final int status;
        private final String code;

        Kind(int status, String code) {
            this.status = status;
            this.code = code;
        }

        /** The HTTP status. */
        public int status() {
            return status;
        }

        /** The error code of the JSON answer. */
        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final String field;

    private SyncRuleException(Kind kind, String field, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind);
        this.field = field;
    }

    /** {@code field} is wrong; the message starts with the field's name. */
    public static SyncRuleException invalid(String field, String problem) {
        return new SyncRuleException(Kind.INVALID, field, field + ": " + problem);
    }

    /** The caller may not do this. */
    public static SyncRuleException forbidden(String message) {
        return new SyncRuleException(Kind.FORBIDDEN, null, message);
    }

    /** No such rule, or not one the caller may see. */
    public static SyncRuleException notFound(String id) {
        return new SyncRuleException(Kind.NOT_FOUND, null, "no sync rule " + id);
    }

    /** The rule's state does not allow it. */
    public static SyncRuleException conflict(String message) {
        return new SyncRuleException(Kind.CONFLICT, null, message);
    }

    /** Which. */
    public Kind kind() {
        return kind;
    }

    /** The field at fault (e.g. {@code schedule.zone}) for {@link Kind#INVALID}, else null. */
    public String field() {
        return field;
    }
}
