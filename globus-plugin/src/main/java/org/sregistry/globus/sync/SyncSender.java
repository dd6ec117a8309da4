package org.sregistry.globus.sync;

import java.io.IOException;
import java.util.List;
import org.sregistry.globus.client.SyncLevel;
import org.sregistry.globus.transfers.SubmittedTransfer;
import org.sregistry.globus.transfers.Submitter;
import org.sregistry.globus.transfers.SyncRef;
import org.sregistry.globus.transfers.TransferSubmitter;

/**
 * Sends a run's images through the registry's normal Send ({@code TransferSubmitter.sync}: intent first, staged
 * copies, the owner's own Globus connection and, on a guest collection, an access rule for the transfer's folder),
 * with {@code sync_level} 3 and the label {@code sregistry sync <rule id>}.
 */
@FunctionalInterface
public interface SyncSender {

    /**
     * @param imageUris full image URIs ({@code collection/name:tag@sha256:…}): exactly the bytes chosen
     * @throws IOException staging failed
     * @throws RuntimeException as {@code TransferSubmitter.push} (Globus refused, not configured, …)
     */
    SubmittedTransfer send(SyncRule rule, List<String> imageUris, Submitter owner) throws IOException;

    /** Sends through {@code submitter}, checksum sync level. */
    static SyncSender of(TransferSubmitter submitter) {
        return (rule, uris, owner) -> submitter.sync(rule.endpointId(), rule.path(), uris, owner,
                new SyncRef(rule.id(), SyncLevel.CHECKSUM.value()));
    }
}
