package org.sregistry.globus.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.transfers.StagingArea;
import org.sregistry.globus.transfers.TransferRecord;

/** Removes a transfer's own folder ({@code t/<sid>/}) once it is empty; what is still in it stays. */
final class ShareFolders {
    private static final Logger LOG = LoggerFactory.getLogger(ShareFolders.class);

    private ShareFolders() {
    }

    /** The transfer's folder, when it has one (a user's own transfer on the guest collection). */
    static Optional<Path> of(StagingArea staging, TransferRecord record) {
        if (record.share() == null || record.share().path() == null) {
            return Optional.empty();
        }
        String path = record.share().path();
        return staging.localFileOf(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    static void remove(StagingArea staging, TransferRecord record) {
        of(staging, record).ifPresent(folder -> {
            try {
                staging.files().deleteEmptyFolder(folder);
            } catch (IOException e) {
                LOG.warn("The folder of transfer {} stays ({})", record.key(), e.toString());
            }
        });
    }
}
