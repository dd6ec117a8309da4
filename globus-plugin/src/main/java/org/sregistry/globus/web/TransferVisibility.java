package org.sregistry.globus.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sregistry.api.Access;
import org.sregistry.globus.transfers.SubmitIntent;
import org.sregistry.globus.transfers.SubmitIntents;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Whose transfers a caller sees: administrators every one, everyone else only those they started. Another user's
 * transfer is answered like a missing one (404), so its id does not even tell that it exists.
 */
final class TransferVisibility {
    private final Access access;
    private final TransferLedger ledger;
    private final SubmitIntents intents;

    TransferVisibility(Access access, TransferLedger ledger, SubmitIntents intents) {
        this.access = access;
        this.ledger = ledger;
        this.intents = intents;
    }

    /**
     * True when the caller may see and steer {@code record}: it is in their list, which a former account with the
     * same name no longer is ({@link TransferLedger#forgetUser}).
     */
    boolean visible(TransferRecord record) {
        Optional<Access.Caller> me = access.caller();
        return me.isPresent() && (me.get().admin() || (Objects.equals(record.user(), me.get().username())
                && ledger.listedFor(me.get().username(), record.key())));
    }

    /** The record under {@code key} if the caller may see it. */
    Optional<TransferRecord> record(String key) {
        return ledger.get(key).filter(this::visible);
    }

    /** The intent under {@code key} if the caller may see it (a submit being sent: not listed yet). */
    Optional<SubmitIntent> intent(String key) {
        return intents.get(key).filter(i -> i.transfer() != null && startedByCaller(i.transfer()));
    }

    private boolean startedByCaller(TransferRecord transfer) {
        Optional<Access.Caller> me = access.caller();
        return me.isPresent() && (me.get().admin() || Objects.equals(transfer.user(), me.get().username()));
    }

    /** True when a record or intent under {@code key} exists and the caller may see it. */
    boolean exists(String key) {
        return record(key).isPresent() || intent(key).isPresent();
    }

    /** True when someone is signed in (an anonymous visitor sees no transfers at all). */
    boolean signedIn() {
        return access.caller().isPresent();
    }

    /** A page of the caller's transfers, newest first (everyone's for administrators). */
    List<TransferRecord> page(int limit, int offset) {
        Optional<Access.Caller> me = access.caller();
        if (me.isEmpty()) {
            return List.of();
        }
        return me.get().admin() ? ledger.list(limit, offset) : ledger.listFor(me.get().username(), limit, offset);
    }

    /** The caller's submits not confirmed yet. */
    List<SubmitIntent> intents(int limit) {
        return intents.list(limit).stream().filter(i -> i.transfer() != null && startedByCaller(i.transfer()))
                .toList();
    }
}
