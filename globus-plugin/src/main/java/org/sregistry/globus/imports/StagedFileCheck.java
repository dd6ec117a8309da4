package org.sregistry.globus.imports;

import java.nio.file.Path;
import java.util.Optional;
import org.sregistry.globus.transfers.ConfinedFolder;

/**
 * Is an arrived file complete? It must be a regular file (reached without a link, see {@link ConfinedFolder}) of
 * the size Globus reported (when it did).
 */
final class StagedFileCheck {
    private StagedFileCheck() {
    }

    /**
     * Empty when the file may be imported, else the problem in plain words (a later try may help). A refused file
     * ({@link ConfinedFolder.Refused}) is not a problem to retry: callers handle it first.
     */
    static Optional<String> problem(ConfinedFolder.Look look, Path file, Long expectedSize) {
        if (look instanceof ConfinedFolder.Refused refused) {
            return Optional.of(refused.why());
        }
        if (!(look instanceof ConfinedFolder.Regular regular)) {
            return Optional.of("the staged file " + file.getFileName() + " is missing");
        }
        if (expectedSize == null || regular.size() == expectedSize) {
            return Optional.empty();
        }
        return Optional.of("the staged file has " + regular.size() + " bytes, Globus reported " + expectedSize);
    }
}
