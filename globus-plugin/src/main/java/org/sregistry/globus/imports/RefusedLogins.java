package org.sregistry.globus.imports;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * One round's users whose own Globus login was refused: their connection is marked as needing an update, each of
 * their open transfers says it waits, and their other transfers are skipped for the rest of the round, while
 * everyone else's go on. A refused service login is not handled here: it ends the round, as before.
 */
final class RefusedLogins {
    private static final Logger LOG = LoggerFactory.getLogger(RefusedLogins.class);
    /** What an open transfer says while its owner's login is refused. */
    static final String WAITING = "waiting: your Globus credentials need to be updated (open Globus in the registry "
            + "and connect again); the transfer is followed again once you have";

    private final ImportSetup setup;
    private final Set<String> refused = new HashSet<>();

    RefusedLogins(ImportSetup setup) {
        this.setup = setup;
    }

    /** True when {@code record}'s owner's login was refused earlier this round. */
    boolean skip(TransferRecord record) {
        return record.connectionUser() != null && refused.contains(record.connectionUser());
    }

    /**
     * Handles {@code e} from following {@code record}: true when it was its owner's login that Globus refused (now
     * recorded), false when the caller must handle it (a refused service login ends the round).
     */
    boolean handled(TransferRecord record, GlobusApiException e) {
        if (record.connectionUser() != null && refusedForThisRecord(e)) {
            // e.g. they connected another Globus identity than the one that submitted: their problem, not the round's
            String said = "waiting: Globus refused to show this transfer to " + record.connectionUser()
                    + "'s connected identity (" + (e.code() == null ? "HTTP " + e.status() : e.code())
                    + "); connect the Globus identity that started it";
            sayOnce(record, said);
            LOG.info("Globus task {} of {}: {}", record.taskId(), record.connectionUser(), e.getMessage());
            return true;
        }
        if (!handled(record.connectionUser(), e)) {
            return false;
        }
        sayOnce(record, WAITING);
        return true;
    }

    /** Adds {@code text} to the record's history unless it is the last thing it says already (one per wait). */
    private void sayOnce(TransferRecord record, String text) {
        List<String> messages = record.messages();
        if (messages.isEmpty() || !text.equals(messages.get(messages.size() - 1))) {
            setup.ledger().update(record.key(), r -> r.withMessage(text));
        }
    }

    /** A definite refusal (4xx other than a refused login, not found, timeout or rate limit). */
    private static boolean refusedForThisRecord(GlobusApiException e) {
        return !e.loginRequired() && !e.notFound() && e.status() >= 400 && e.status() < 500 && e.status() != 408
                && e.status() != 429;
    }

    /**
     * Handles {@code e} from acting as {@code user} (null: the service connection): true when Globus refused that
     * user's own login (now recorded on their connection).
     */
    boolean handled(String user, GlobusApiException e) {
        if (user == null || !e.loginRequired()) {
            return false;
        }
        if (refused.add(user)) {
            LOG.info("Globus refused the stored login of {}; their transfers wait until they connect again", user);
            setup.loginRefused().accept(user, "Globus refused " + user + "'s stored login ("
                    + (e.code() == null ? "login required" : e.code()) + "): connect again on the Globus page");
        }
        return true;
    }
}
