package org.sregistry.globus.sync;

import jakarta.ws.rs.WebApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.browse.InvalidInputException;
import org.sregistry.globus.connection.GlobusNotConfiguredException;
import org.sregistry.globus.transfers.PushNotAllowedException;
import org.sregistry.globus.transfers.TransferConflictException;
import org.sregistry.globus.transfers.UnknownImageException;

/** A failed run's reason in the words shown on the rule: the message of the refusals the Send knows, else a summary. */
final class SyncFailures {
    private static final Logger LOG = LoggerFactory.getLogger(SyncFailures.class);

    private SyncFailures() {
    }

    static String describe(RuntimeException e, SyncRule rule) {
        if (e instanceof InvalidInputException || e instanceof UnknownImageException
                || e instanceof GlobusNotConfiguredException || e instanceof TransferConflictException
                || e instanceof PushNotAllowedException || e instanceof WebApplicationException) {
            return e.getMessage();
        }
        LOG.warn("Sync rule {} failed unexpectedly", rule.id(), e);
        return "the registry could not send the images (" + e.getClass().getSimpleName() + "); see the server log";
    }
}
