package org.sregistry.globus.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Is an arrived file complete? It must be a regular file of the size Globus reported (when it did). */
final class StagedFileCheck {
    private StagedFileCheck() {
    }

    /** Empty when the file may be imported, else the problem in plain words. */
    static Optional<String> problem(Path file, Long expectedSize) {
        if (!Files.isRegularFile(file)) {
            return Optional.of("the staged file " + file.getFileName() + " is missing");
        }
        if (expectedSize == null) {
            return Optional.empty();
        }
        try {
            long actual = Files.size(file);
            return actual == expectedSize ? Optional.empty()
                    : Optional.of("the staged file has " + actual + " bytes, Globus reported " + expectedSize);
        } catch (IOException e) {
            return Optional.of("the staged file cannot be read: " + e.getMessage());
        }
    }
}
