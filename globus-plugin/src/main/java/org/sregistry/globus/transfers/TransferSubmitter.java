package org.sregistry.globus.transfers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.ImageName;
import org.sregistry.api.ImageNameParser;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.api.RegistryService;
import org.sregistry.globus.browse.EndpointPaths;
import org.sregistry.globus.browse.InvalidInputException;
import org.sregistry.globus.client.Endpoint;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.client.TransferResult;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.connection.ConnectionRef;
import org.sregistry.globus.connection.GlobusNotConfiguredException;

/**
 * Submits the registry's transfers, recording each in the ledger before anything happens:
 * <ol>
 *   <li>Globus hands out a {@code submission_id}; the transfer, with every item and every staged path it will use,
 *       is written as a {@link SubmitIntent} ({@link Submissions#intend}). Nothing exists yet that a crash could
 *       orphan.</li>
 *   <li><b>Push</b>: every selected image is staged (hard link, or copy across file systems) at its planned path,
 *       the intent touched after each; then the intent moves to SUBMITTING (refused if the import task took it over
 *       meanwhile, believing this request dead). <b>Pull</b>: nothing to stage; a fresh unique name in the staging
 *       folder is planned for the file.</li>
 *   <li>The submit is sent with that submission id; the task id Globus answers turns the intent into a
 *       {@link TransferRecord} ({@link Submissions#submitted}), and the import task is woken.</li>
 * </ol>
 * A crash anywhere leaves the intent, which the import task resolves ({@code PendingSubmits}): an interrupted
 * staging is abandoned (copies removed, shown as not sent), a sent submit is sent again with the same id
 * ({@code Duplicate} gives the task Globus has). When Globus refuses (4xx) the request, staged copies are removed
 * and the intent dropped; when it does not answer (network, 5xx) the intent stays and the answer says the registry
 * keeps trying (pending), so the user does not send it twice.
 */
public final class TransferSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(TransferSubmitter.class);
    /** Most images in one push. */
    public static final int MAX_IMAGES = 100;
    /** A long copy touches its intent at most this often. */
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(10);

    private final RegistryService registry;
    private final GlobusSettings settings;
    private final Submissions submissions;
    private final TransferClients clientFor;
    private final Clock clock;
    private final Runnable afterSubmit;
    private final TransferAccess access;
    private final GlobusMeters meters;

    /**
     * @param clientFor   the Transfer client to use for a task between two collections (consent-aware)
     * @param afterSubmit called after a task is recorded (wakes the import task so it starts watching at once)
     */
    public TransferSubmitter(RegistryService registry, GlobusSettings settings, Submissions submissions,
                             TransferClients clientFor, Clock clock, Runnable afterSubmit) {
        this(registry, settings, submissions, clientFor, clock, afterSubmit, TransferAccess.NONE);
    }

    /**
     * @param access the access rule each user's own transfer needs on the registry's collection (guest collection;
     *               {@link TransferAccess#NONE} when the service identity moves everything)
     */
    public TransferSubmitter(RegistryService registry, GlobusSettings settings, Submissions submissions,
                             TransferClients clientFor, Clock clock, Runnable afterSubmit, TransferAccess access) {
        this(registry, settings, submissions, clientFor, clock, afterSubmit, access, GlobusMeters.NONE);
    }

    /** @param meters where each transfer Globus accepted is counted */
    public TransferSubmitter(RegistryService registry, GlobusSettings settings, Submissions submissions,
                             TransferClients clientFor, Clock clock, Runnable afterSubmit, TransferAccess access,
                             GlobusMeters meters) {
        this.meters = meters;
        this.access = access;
        this.registry = registry;
        this.settings = settings;
        this.submissions = submissions;
        this.clientFor = clientFor;
        this.clock = clock;
        this.afterSubmit = afterSubmit;
    }

    /**
     * Sends images to {@code directory} on {@code endpointId} in one task, for {@code by}.
     *
     * @throws UnknownImageException  an image URI names nothing {@code by} may pull
     * @throws InvalidInputException  no images, too many, bad path
     * @throws GlobusNotConfiguredException the registry has no endpoint
     * @throws GlobusApiException     Globus refused or failed
     * @throws org.sregistry.api.InsufficientStorageException the staging folder has no room for the copies
     */
    public SubmittedTransfer push(String endpointId, String directory, List<String> imageUris, Submitter by)
            throws IOException {
        return push(endpointId, directory, imageUris, by, null);
    }

    /** {@link #push}, recorded as the retry of transfer {@code retryOf} (null: a new send). */
    public SubmittedTransfer push(String endpointId, String directory, List<String> imageUris, Submitter by,
                                  String retryOf) throws IOException {
        return push(endpointId, directory, imageUris, by, retryOf, null);
    }

    /**
     * {@link #push} for scheduled sync rule {@code sync}: labelled {@code sregistry sync <rule id>}, with the rule's
     * {@code sync_level}, so files already on the destination with the same checksum are skipped by Globus.
     */
    public SubmittedTransfer sync(String endpointId, String directory, List<String> imageUris, Submitter by,
                                  SyncRef sync) throws IOException {
        return push(endpointId, directory, imageUris, by, null, sync);
    }

    private SubmittedTransfer push(String endpointId, String directory, List<String> imageUris, Submitter by,
                                   String retryOf, SyncRef sync) throws IOException {
        String registryEndpoint = registryEndpoint();
        String dir = EndpointPaths.directory(directory == null || directory.isBlank() ? "/~/" : directory);
        List<ImageInfo> images = images(imageUris, by);
        StagingArea staging = staging();
        ConnectionRef connection = clientFor.connectionOf(by.username());
        TransferClient client = clientFor.forTask(connection, endpointId, registryEndpoint);
        String remoteName = endpointName(client, endpointId);
        List<Path> blobs = images.stream().map(registry::blobFile).toList();
        staging.requireRoomFor(blobs); // a full staging disk is a 507 before anything is written

        String submissionId = client.submissionId();
        StagingArea area = connection == null ? staging : staging.forTransfer(submissionId);
        ShareRef share = access.plan(submissionId, connection, "r", area.endpointPath()); // a slot, or 429
        List<Path> targets = new ArrayList<>();
        List<TransferItem> items = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ImageInfo image : images) {
            String fileName = uniqueName(fileNameOf(image.name()), names);
            Path local = area.newFile(fileName);
            targets.add(local);
            items.add(TransferItem.pending(area.endpointPathOf(local), EndpointPaths.child(dir, fileName),
                    local.toString(), image.uri()));
        }
        String label = sync != null ? "sregistry sync " + sync.rule()
                : "sregistry push " + images.size() + (images.size() == 1 ? " image" : " images");
        TransferRecord planned = new TransferRecord(null, Direction.PUT, label, registryEndpoint, registryName(),
                endpointId, remoteName, items, clock.instant(), null, false,
                List.of("submitted: " + images.size() + " image(s) to " + dir), submissionId, by.username())
                .withRetryOf(retryOf).withConnection(connection).withShare(share).withSync(sync);
        SubmitIntent intent = SubmitIntent.staging(planned, clock.instant());
        try {
            submissions.intend(intent); // before the first copy: a crash from here on leaves a record that owns them
        } catch (RuntimeException e) {
            releaseQuietly(share, submissionId);
            throw e;
        }

        try {
            Runnable alive = every(TOUCH_EVERY, () -> submissions.touch(submissionId));
            for (int i = 0; i < blobs.size(); i++) {
                staging.stageAt(blobs.get(i), targets.get(i), alive);
                alive.run(); // at most every TOUCH_EVERY: a push of 100 hard links is not 100 rewrites of the intent
            }
        } catch (IOException | RuntimeException e) {
            area.removeAll(targets);
            releaseQuietly(share, submissionId);
            dropQuietly(submissionId);
            throw e;
        }
        Runnable unstage = () -> {
            area.removeAll(targets);
            removeFolderQuietly(staging, area);
        };
        if (share != null) {
            if (!submissions.startSharing(submissionId)) {
                unstage.run();
                throw new TransferConflictException("staging the images took so long that the registry gave the send up "
                        + "as interrupted; nothing was sent, the staged copies are removed: send them again");
            }
            intent = shareFirst(intent.inPhase(SubmitIntent.Phase.SHARING, clock.instant()), unstage);
        }
        if (!submissions.startSubmitting(submissionId)) {
            area.removeAll(targets);
            throw new TransferConflictException("staging the images took so long that the registry gave the send up "
                    + "as interrupted; nothing was sent, the staged copies are removed: send them again");
        }
        String what = images.size() + (images.size() == 1 ? " image" : " images") + " to " + remoteName + " " + dir;
        return send(client, intent.inPhase(SubmitIntent.Phase.SUBMITTING, clock.instant()), "Transfer submitted: "
                + what + ".", unstage);
    }

    /**
     * Brings one file from {@code endpointId} into the staging folder; it becomes image {@code targetName}
     * (or a name derived from the file, collection from the endpoint's name) when the import task sees it arrive.
     * An image already under that name is replaced only when {@code replace} is true; otherwise the file gets a
     * free name ({@code tag-2}, …) and the activity page says so. {@code by} must be allowed to push into the
     * target's collection (a new collection is created for them where they may create one).
     *
     * @throws PushNotAllowedException {@code by} may not push to the target's collection (nothing is submitted)
     * @throws InvalidInputException bad path or name
     * @throws GlobusNotConfiguredException the registry has no endpoint
     * @throws GlobusApiException    Globus refused or failed
     */
    public SubmittedTransfer pull(String endpointId, String filePath, String targetName, boolean replace,
                                  Submitter by) throws IOException {
        return pull(endpointId, List.of(new PullFile(filePath, targetName)), replace, by, null);
    }

    /**
     * A file to bring and the image name it should get ({@code name} null or blank: derived from the file name,
     * collection from the source endpoint's name).
     *
     * @param path the file on the source endpoint
     * @param name the target name, or null
     */
    public record PullFile(String path, String name) {
    }

    /**
     * Brings several files from {@code endpointId} in <b>one</b> Globus task, each into its own unique file in the
     * staging folder and each its own ledger item (imported exactly once, with its own outcome). Names as in
     * {@link #pull(String, String, String, boolean, Submitter)}; {@code by} must be allowed to push into every
     * target's collection (else nothing is submitted). {@code retryOf} records the transfer this one retries.
     */
    public SubmittedTransfer pull(String endpointId, List<PullFile> files, boolean replace, Submitter by,
                                  String retryOf) throws IOException {
        String registryEndpoint = registryEndpoint();
        List<PullFile> distinct = distinctFiles(files);
        List<String> sources = new ArrayList<>();
        List<ImageName> explicit = new ArrayList<>();
        for (PullFile file : distinct) {
            sources.add(EndpointPaths.file(file.path()));
            explicit.add(parseName(file.name()));
        }
        ConnectionRef connection = clientFor.connectionOf(by.username());
        TransferClient client = clientFor.forTask(connection, endpointId, registryEndpoint);
        String remoteName = endpointName(client, endpointId);
        List<ImageName> targets = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            ImageName target = explicit.get(i) != null ? explicit.get(i)
                    : ImageNameParser.fromFileName(EndpointPaths.name(sources.get(i)), remoteName);
            if (!by.mayPush().test(target.collection())) {
                throw new PushNotAllowedException(target.collection());
            }
            targets.add(target);
        }

        StagingArea staging = staging();
        String submissionId = client.submissionId();
        StagingArea area = connection == null ? staging : staging.forTransfer(submissionId);
        List<TransferItem> items = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Path local = area.newFile(EndpointPaths.name(sources.get(i)));
            String name = targets.get(i).withoutVersion();
            items.add(TransferItem.pending(sources.get(i), area.endpointPathOf(local), local.toString(), name)
                    .withReplace(replace));
            messages.add("submitted: " + sources.get(i) + " as " + name
                    + (replace ? ", replacing an image of that name" : ""));
        }
        String label = items.size() == 1
                ? "sregistry pull " + targets.get(0).withoutVersion().replaceAll("[^A-Za-z0-9 _-]", "-")
                : "sregistry pull " + items.size() + " files";
        ShareRef share = access.plan(submissionId, connection, "rw", area.endpointPath()); // a slot, or 429
        TransferRecord planned = new TransferRecord(null, Direction.GET, label, endpointId, remoteName,
                registryEndpoint, registryName(), items, clock.instant(), null, false, messages, submissionId,
                by.username()).withRetryOf(retryOf).withConnection(connection).withShare(share);
        SubmitIntent intent = share == null ? SubmitIntent.submitting(planned, clock.instant())
                : SubmitIntent.sharing(planned, clock.instant());
        Runnable unfold = () -> removeFolderQuietly(staging, area);
        try {
            submissions.intend(intent); // before the submit: a crash after Globus accepted still knows the names
            if (share != null) {
                area.create(); // the folder the rule names: it exists before anyone may write into it
            }
        } catch (IOException | RuntimeException e) {
            releaseQuietly(share, submissionId);
            dropQuietly(submissionId);
            unfold.run();
            throw e;
        }
        if (share != null) {
            intent = shareFirst(intent, unfold);
            if (!submissions.startSubmitting(submissionId)) {
                throw new TransferConflictException("the registry gave this bring up as interrupted before it was sent; "
                        + "bring the files again");
            }
            intent = intent.inPhase(SubmitIntent.Phase.SUBMITTING, clock.instant());
        }
        String message;
        if (items.size() == 1) {
            String name = targets.get(0).withoutVersion();
            message = "Transfer submitted: " + EndpointPaths.name(sources.get(0)) + " from " + remoteName
                    + " will become " + name + (replace ? ", replacing the image of that name if there is one."
                    : " (if that name is taken, a free one such as " + name + "-2; nothing is replaced).");
        } else {
            StringBuilder b = new StringBuilder("Transfer submitted: " + items.size() + " files from " + remoteName
                    + " in one task: ");
            for (int i = 0; i < items.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(EndpointPaths.name(sources.get(i))).append(" → ")
                        .append(targets.get(i).withoutVersion());
            }
            b.append(replace ? " (each replacing the image of its name if there is one)."
                    : " (a name that is taken gets a free one such as …-2; nothing is replaced).");
            message = b.toString();
        }
        return send(client, intent, message, unfold);
    }

    private static List<PullFile> distinctFiles(List<PullFile> files) {
        if (files == null || files.isEmpty()) {
            throw new InvalidInputException("choose the file to bring first (tick it in the folder listing)");
        }
        java.util.Map<String, PullFile> byPath = new java.util.LinkedHashMap<>();
        for (PullFile file : files) {
            if (file == null || file.path() == null || file.path().isBlank()) {
                throw new InvalidInputException("choose the file to bring first (tick it in the folder listing)");
            }
            byPath.putIfAbsent(EndpointPaths.file(file.path()), file);
        }
        if (byPath.size() > MAX_IMAGES) {
            throw new InvalidInputException("at most " + MAX_IMAGES + " files in one transfer");
        }
        return List.copyOf(byPath.values());
    }

    /**
     * Sends the intent's submit and records the task Globus names. {@code onRefused} undoes what was staged when
     * Globus says no.
     */
    private SubmittedTransfer send(TransferClient client, SubmitIntent intent, String message, Runnable onRefused) {
        String submissionId = intent.submissionId();
        TransferResult result;
        try {
            result = client.submitTransfer(Submissions.request(intent.transfer()));
        } catch (GlobusApiException e) {
            if (Submissions.refused(e)) {
                ShareRef share = intent.transfer().share();
                if (share != null) {
                    try {
                        access.remove(share, submissionId);
                    } catch (RuntimeException undoFailed) {
                        // the intent stays: the import task abandons it and removes the rule
                        LOG.warn("Globus refused submit {} and its access rule could not be removed yet ({})",
                                submissionId, undoFailed.toString());
                        throw e;
                    }
                }
                onRefused.run();
                dropQuietly(submissionId);
                throw e;
            }
            // Globus may have the task: keep the intent, the import task sends the same submit again
            LOG.warn("Globus did not confirm submit {} ({}); the import task will send it again with the same "
                    + "submission id", submissionId, e.getMessage());
            wake();
            return new SubmittedTransfer(null, submissionId, "Globus did not confirm the transfer yet ("
                    + e.globusMessage() + "). The registry sends it again with the same submission id, so it runs "
                    + "at most once; it appears on the activity page either way. Do not send it again.",
                    intent.transfer());
        }
        TransferRecord record;
        String note = "";
        try {
            record = submissions.submitted(intent, result.taskId(), null);
        } catch (RuntimeException e) {
            // the intent stays; the import task records the task once the database answers again
            LOG.error("Globus task {} was submitted but could not be recorded in the transfer ledger yet ({}); its "
                    + "intent {} stays and the import task records it", result.taskId(), e.toString(), submissionId);
            record = intent.transfer().withTaskId(result.taskId());
            note = " It could not be recorded in the activity list yet; the registry retries that by itself.";
        }
        wake();
        meters.submitted(intent.transfer().direction());
        LOG.info("Globus {} task {}: {}", intent.transfer().direction() == Direction.PUT ? "push" : "pull",
                result.taskId(), message);
        return new SubmittedTransfer(result.taskId(), submissionId, message + note, record);
    }

    /**
     * Makes the intent's access rule (service identity) and records its id; on failure undoes what was made (the
     * rule if Globus made it, the slot, the staged files through {@code undo}) and drops the intent. When even the
     * undo cannot reach Globus, the intent stays in SHARING and the import task's recovery removes the rule.
     */
    private SubmitIntent shareFirst(SubmitIntent intent, Runnable undo) {
        ShareRef planned = intent.transfer().share();
        String submissionId = intent.submissionId();
        try {
            ShareRef made = planned.created(access.create(planned));
            return submissions.shared(submissionId, made).orElseThrow(() -> new TransferConflictException(
                    "the registry gave this transfer up as interrupted while its access was being set up; nothing "
                            + "was sent: start it again"));
        } catch (RuntimeException e) {
            try {
                access.remove(planned, submissionId);
            } catch (RuntimeException undoFailed) {
                LOG.warn("Could not undo the access rule of {} ({}); the import task removes it", submissionId,
                        undoFailed.toString());
                throw e;
            }
            undo.run();
            dropQuietly(submissionId);
            throw e;
        }
    }

    private void releaseQuietly(ShareRef share, String submissionId) {
        if (share == null) {
            return;
        }
        try {
            access.remove(share.failed("not made"), submissionId); // nothing was made: only the slot goes
        } catch (RuntimeException e) {
            LOG.warn("Could not free the share slot of {} ({})", submissionId, e.toString());
        }
    }

    /** Removes a transfer's own folder once its files are gone (never the staging folder itself). */
    private static void removeFolderQuietly(StagingArea staging, StagingArea area) {
        if (area.equals(staging)) {
            return;
        }
        try {
            staging.files().deleteEmptyFolder(area.localDir());
        } catch (IOException e) {
            LOG.warn("Could not remove the transfer folder {} ({})", area.localDir(), e.toString());
        }
    }

    /** {@code action}, run at most once per {@code period}. */
    private Runnable every(Duration period, Runnable action) {
        Instant[] last = {clock.instant()};
        return () -> {
            Instant now = clock.instant();
            if (now.isAfter(last[0].plus(period))) {
                last[0] = now;
                action.run();
            }
        };
    }

    private void wake() {
        try {
            afterSubmit.run();
        } catch (RuntimeException e) {
            LOG.warn("Could not wake the Globus import task: {}", e.toString());
        }
    }

    private void dropQuietly(String submissionId) {
        try {
            submissions.drop(submissionId);
        } catch (RuntimeException e) {
            // the import task finds the intent and finishes the clean-up
            LOG.warn("Could not drop submit intent {} ({}); the import task will", submissionId, e.toString());
        }
    }

    /** {@code name_tag.sif}, the way {@code singularity pull} names files (and the way a pull parses them back). */
    static String fileNameOf(ImageName name) {
        return name.name() + "_" + name.tag() + ".sif";
    }

    private static String uniqueName(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = name.replaceFirst("\\.sif$", "") + "-" + i + ".sif";
        }
        return candidate;
    }

    /** The images named, each one {@code by} may pull; one they may not see is "no such image", like a missing one. */
    private List<ImageInfo> images(List<String> uris, Submitter by) {
        if (uris == null || uris.isEmpty()) {
            throw new InvalidInputException("choose at least one image to send");
        }
        Set<String> distinct = new LinkedHashSet<>(uris);
        if (distinct.size() > MAX_IMAGES) {
            throw new InvalidInputException("at most " + MAX_IMAGES + " images in one transfer");
        }
        List<ImageInfo> images = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String uri : distinct) {
            if (uri == null || uri.isBlank()) {
                throw new InvalidInputException("empty image name");
            }
            ImageInfo image = registry.get(uri.trim()).filter(i -> by.mayPull().test(i.uri()))
                    .orElseThrow(() -> new UnknownImageException(uri));
            if (seen.add(image.uri())) {
                images.add(image);
            }
        }
        return images;
    }

    private static ImageName parseName(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            ImageName name = ImageNameParser.parse(text.trim());
            return name.withVersion(null);
        } catch (InvalidImageNameException e) {
            throw new InvalidInputException("target name: " + e.getMessage());
        }
    }

    private String registryEndpoint() {
        return settings.endpointId().orElseThrow(() -> new GlobusNotConfiguredException(
                "The registry has no Globus endpoint (PLUGIN_GLOBUS_ENDPOINT is not set); see /globus."));
    }

    private String registryName() {
        return settings.robotName().map(n -> "sregistry-" + n).orElse("registry");
    }

    private StagingArea staging() {
        return new StagingArea(settings.stagingDir(), settings.stagingPath());
    }

    /** The endpoint's display name (also proves it exists before anything is staged). */
    private static String endpointName(TransferClient client, String endpointId) {
        Endpoint endpoint = client.getEndpoint(endpointId);
        return endpoint.name();
    }
}
