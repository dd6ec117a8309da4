package org.sregistry.globus.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.sregistry.api.AddRequest;
import org.sregistry.api.AddResult;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.transfers.ConfinedFolder;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * The registry add of one arrived file, at most once: the add carries the once-key {@code taskId:destinationPath},
 * recorded in the same database transaction as the image, so a repeat (another run, another process, a retry from
 * quarantine, the same run after a crash) adds nothing and answers the first image.
 */
final class ImageAdder {
    /** What an add came to. */
    sealed interface Outcome permits Added, BadName, Refused, Failed {
    }

    /** In the registry (now, or already). */
    record Added(AddResult result) implements Outcome {
    }

    /** The name it should get is not valid: no retry will help. */
    record BadName(String why) implements Outcome {
    }

    /** The file is a link, or behind one (it became one since it was looked at): never read, never retried. */
    record Refused(String why) implements Outcome {
    }

    /** The add failed (disk full, database down, unreadable file): a later try may work. */
    record Failed(String why, Throwable cause) implements Outcome {
    }

    private final ImportSetup setup;
    private final StagedFiles files;

    ImageAdder(ImportSetup setup, StagedFiles files) {
        this.setup = setup;
        this.files = files;
    }

    /**
     * Adds {@code file} as {@code item} of {@code record}; {@code task} is Globus's view when at hand (else null).
     * The file is opened without following links ({@link StagedFiles#open}) and its bytes streamed into the registry.
     */
    Outcome add(TransferRecord record, TransferItem item, Path file, Task task) {
        String name;
        try {
            name = ImageNaming.targetName(record, item, task);
        } catch (InvalidImageNameException e) {
            return new BadName("the requested name is not valid: " + e.getMessage());
        }
        try (InputStream in = files.open(file)) {
            return new Added(setup.registry().add(AddRequest.of(in, name, ImageNaming.metadata(record, item, task))
                    .once(OnceKeys.of(record.taskId(), item.destinationPath()))));
        } catch (ConfinedFolder.RefusedException e) {
            return new Refused(e.getMessage());
        } catch (InvalidImageNameException e) {
            return new BadName("the name is not valid: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Failed("adding it to the registry failed: " + e.getMessage(), e);
        }
    }
}
