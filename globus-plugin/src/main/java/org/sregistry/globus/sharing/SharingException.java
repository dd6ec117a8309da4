package org.sregistry.globus.sharing;

import java.util.Objects;

/**
 * Why a share could not be made or removed, as a closed set of reasons the web layer maps in one place. Any other
 * Globus refusal is not wrapped: it stays a {@code GlobusApiException} with Globus's own code (the "too many rules"
 * code, for one, is not documented and must not be guessed).
 */
public final class SharingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The reasons, each with a stable code for APIs. */
    public enum Reason {
        /** Every share slot is taken ({@code PLUGIN_GLOBUS_MAX_SHARES}); HTTP 429 for a Send or Bring. */
        TOO_MANY_TRANSFERS("too_many_transfers"),
        /** Globus answered {@code PermissionDenied}: the service identity lost its role on the collection. */
        NOT_MANAGER("sharing_not_permitted"),
        /** Globus says a rule for this principal and path exists, but not with the permissions asked for. */
        CONFLICTING_RULE("sharing_conflict"),
        /** The user's connection has no known identity to name in a rule; they must connect again. */
        UNKNOWN_IDENTITY("identity_unknown");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable code ({@code too_many_transfers}, ...). */
        public String code() {
            return code;
        }
    }

    /** The message for {@link Reason#NOT_MANAGER}. */
    static final String NOT_MANAGER_MESSAGE = "the registry's Globus identity may no longer manage access on its "
            + "collection (administrator or access_manager role needed)";

    private final Reason reason;

    SharingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }
}
