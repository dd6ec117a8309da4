package org.sregistry.globus.imports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.sharing.SharingException;
import org.sregistry.globus.transfers.ShareRef;

/**
 * Removes a transfer's access rule at the end of its life (a finished task, an abandoned submit). When Globus cannot
 * be asked now (away, or the registry lost its role on the collection), the rule stays and the next round tries
 * again; the rule also expires by itself an hour after the task's deadline.
 */
final class RuleRemoval {
    private static final Logger LOG = LoggerFactory.getLogger(RuleRemoval.class);

    private RuleRemoval() {
    }

    /**
     * The share after trying: {@link ShareRef#removed removed}, or unchanged but with the error
     * ({@link ShareRef#mayExist()} still true) when it must be tried again.
     */
    static ShareRef remove(ImportSetup setup, ShareRef share, String submissionId) {
        try {
            setup.shares().remove(share, submissionId);
            return share.removed(setup.clock().instant());
        } catch (GlobusApiException | SharingException e) {
            LOG.warn("The access rule of transfer {} could not be removed yet ({}); trying again next round",
                    submissionId, e.getMessage());
            return share.removalFailed(e.getMessage());
        }
    }
}
