package org.sregistry.globus.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.sregistry.api.AddRequest;
import org.sregistry.api.Access;
import org.sregistry.api.AddResult;
import org.sregistry.api.ImageExistsException;
import org.sregistry.api.ImageName;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.api.UnsupportedImageException;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.transfers.ConfinedFolder;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * The registry add of one arrived file, at most once: the add carries the once-key {@code taskId:destinationPath},
 * recorded in the same database transaction as the image, so a repeat (another run, another process, a retry from
 * quarantine, the same run after a crash) adds nothing and answers the first image.
 *
 * <p>An arrived file never replaces an image silently: unless the user ticked "replace" for the transfer
 * ({@link TransferItem#replaceExisting()}), the add is made {@link AddRequest#withoutReplacing() without replacing},
 * and when the name is taken the file gets the first free one of {@code tag-2}, {@code tag-3}, … (the name asked for
 * is kept on the outcome, so the activity page says so). The once-key is checked before the name, so a repeat after
 * a crash answers the image added the first time, whatever name it got.
 *
 * <p>A transfer asked for by a registry user ({@link TransferRecord#user()}) is added only while that user may
 * still push to the collection ({@link Access#mayPush}): an account disabled or a membership revoked since the
 * submit makes it {@link NotAllowed}. Records without a user (made before accounts) are added as they always were.
 */
final class ImageAdder {
    /** Names tried: the one asked for, then {@code tag-2} … {@code tag-100}. */
    static final int MAX_NAMES = 100;

    /** What an add came to. */
    sealed interface Outcome permits Added, BadName, Refused, Failed, NotAllowed {
    }

    /** The user who asked for it may no longer push to its collection: kept for an admin, never added. */
    record NotAllowed(String why) implements Outcome {
    }

    /**
     * In the registry (now, or already).
     *
     * @param requested the name asked for
     */
    record Added(AddResult result, String requested) implements Outcome {
        /** True when it is stored under another name than the one asked for (that one was taken). */
        boolean renamed() {
            return !result.image().name().withoutVersion().equals(requested);
        }
    }

    /** The name it should get is not valid, or the file is no container image: no retry will help. */
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
        if (record.user() != null) {
            String collection = ImageName.parse(name).collection();
            Access access = setup.access();
            boolean allowed = access.user(record.user()).map(u -> access.mayPush(u, collection)).orElse(false);
            if (!allowed) {
                return new NotAllowed("you may no longer push to " + collection + " (asked for by " + record.user()
                        + ")");
            }
        }
        boolean replace = item.replaceExisting();
        for (int n = 1; n <= (replace ? 1 : MAX_NAMES); n++) {
            String candidate;
            try {
                candidate = n == 1 ? name : ImageNaming.numbered(name, n);
            } catch (InvalidImageNameException e) {
                return new BadName(name + " exists already and no free name could be made from it: " + e.getMessage());
            }
            // a taken name is skipped without reading the file; the add itself decides (and the once-key comes first)
            if (!replace && setup.registry().get(candidate).isPresent()) {
                continue;
            }
            AddRequest request;
            try (InputStream in = files.open(file)) {
                request = AddRequest.of(in, candidate, ImageNaming.metadata(record, item, task))
                        .once(OnceKeys.of(record.taskId(), item.destinationPath()));
                return new Added(setup.registry().add(replace ? request : request.withoutReplacing()), name);
            } catch (ImageExistsException e) {
                continue; // taken between the look and the add (or by the once-key's first add): the next one
            } catch (ConfinedFolder.RefusedException e) {
                return new Refused(e.getMessage());
            } catch (InvalidImageNameException e) {
                return new BadName("the name is not valid: " + e.getMessage());
            } catch (UnsupportedImageException e) {
                // the registry's message names the staged copy; the user knows the file by what they brought
                return new BadName("it is not a container image (no SIF header, no squashfs or ext3 file system at"
                        + " its start), so it was not added as " + candidate);
            } catch (IOException | RuntimeException e) {
                return new Failed("adding it to the registry failed: " + e.getMessage(), e);
            }
        }
        return new BadName(name + " and the names made from it (…-2 to …-" + MAX_NAMES + ") are all taken; bring"
                + " it again with another name, or with \"replace\" ticked");
    }
}
