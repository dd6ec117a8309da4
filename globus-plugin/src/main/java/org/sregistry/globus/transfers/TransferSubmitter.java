package org.sregistry.globus.transfers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
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
import org.sregistry.globus.client.TransferRequest;
import org.sregistry.globus.client.TransferResult;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.connection.GlobusNotConfiguredException;

/**
 * Submits the registry's transfers and records each in the {@link TransferLedger}.
 * <ul>
 *   <li><b>Push</b>: every selected image is staged (hard link, or copy across file systems) under a unique name,
 *       and all go in <em>one</em> task, one item each, into the chosen folder of the endpoint.</li>
 *   <li><b>Pull</b>: one file goes to a fresh unique name in the staging folder; the import task adds it to the
 *       registry under the requested (or derived) name once Globus finishes.</li>
 * </ul>
 * Staged copies of a push that Globus refused are removed at once.
 */
public final class TransferSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(TransferSubmitter.class);
    /** Most images in one push. */
    public static final int MAX_IMAGES = 100;

    private final RegistryService registry;
    private final GlobusSettings settings;
    private final TransferLedger ledger;
    private final BiFunction<String, String, TransferClient> clientFor;
    private final Clock clock;
    private final Runnable afterSubmit;

    /**
     * @param clientFor   the Transfer client to use for a task between two collections (consent-aware)
     * @param afterSubmit called after a task is recorded (wakes the import task so it starts watching at once)
     */
    public TransferSubmitter(RegistryService registry, GlobusSettings settings, TransferLedger ledger,
                             BiFunction<String, String, TransferClient> clientFor, Clock clock, Runnable afterSubmit) {
        this.registry = registry;
        this.settings = settings;
        this.ledger = ledger;
        this.clientFor = clientFor;
        this.clock = clock;
        this.afterSubmit = afterSubmit;
    }

    /**
     * Sends images to {@code directory} on {@code endpointId} in one task.
     *
     * @throws UnknownImageException  an image URI names nothing
     * @throws InvalidInputException  no images, too many, bad path
     * @throws GlobusNotConfiguredException the registry has no endpoint
     * @throws GlobusApiException     Globus refused or failed
     */
    public SubmittedTransfer push(String endpointId, String directory, List<String> imageUris) throws IOException {
        String registryEndpoint = registryEndpoint();
        String dir = EndpointPaths.directory(directory == null || directory.isBlank() ? "/~/" : directory);
        List<ImageInfo> images = images(imageUris);
        StagingArea staging = staging();
        TransferClient client = clientFor.apply(endpointId, registryEndpoint);
        String remoteName = endpointName(client, endpointId);

        List<Path> staged = new ArrayList<>();
        List<TransferItem> items = new ArrayList<>();
        String label = "sregistry push " + images.size() + (images.size() == 1 ? " image" : " images");
        TransferRequest.Builder request = TransferRequest.builder(registryEndpoint, endpointId).label(label)
                .verifyChecksum(true).notify(false, false, false);
        TransferResult result;
        try {
            Set<String> names = new HashSet<>();
            for (ImageInfo image : images) {
                String fileName = uniqueName(fileNameOf(image.name()), names);
                Path local = staging.stage(registry.blobFile(image), fileName);
                staged.add(local);
                String source = staging.endpointPathOf(local);
                String destination = EndpointPaths.child(dir, fileName);
                request.addFile(source, destination);
                items.add(TransferItem.pending(source, destination, local.toString(), image.uri()));
            }
            result = client.submitTransfer(request.build());
        } catch (IOException | RuntimeException e) {
            for (Path p : staged) {
                Files.deleteIfExists(p); // nothing will move them: do not leave copies behind
            }
            throw e;
        }
        // From here on Globus has the task and reads the staged files: whatever fails now must keep them.
        TransferRecord record = new TransferRecord(result.taskId(), Direction.PUT, label, registryEndpoint,
                registryName(), endpointId, remoteName, items, clock.instant(), null, false,
                List.of("submitted: " + images.size() + " image(s) to " + dir));
        String recorded = record(record);
        LOG.info("Globus push task {}: {} image(s) to {} {}", result.taskId(), images.size(), endpointId, dir);
        return new SubmittedTransfer(result.taskId(), "Transfer submitted: " + images.size()
                + (images.size() == 1 ? " image" : " images") + " to " + remoteName + " " + dir + "." + recorded,
                record);
    }

    /**
     * Records a task Globus accepted and wakes the import task. Never throws: the task runs whatever happens here,
     * so failing the request would invite a second submit. Answers "" or a note for the user.
     */
    private String record(TransferRecord record) {
        try {
            ledger.add(record);
        } catch (RuntimeException e) {
            // Loud, but the staged files stay: Globus is reading them. The activity page will not list the task;
            // a pull's file is still imported by the foreign-transfer path of the import task.
            LOG.error("Globus task {} was submitted but could not be recorded in the transfer ledger; its staged "
                    + "files are kept ({})", record.taskId(), e.toString());
            return " It could not be recorded in the registry's activity list (see the server log).";
        }
        try {
            afterSubmit.run();
        } catch (RuntimeException e) {
            LOG.warn("Could not wake the Globus import task after submitting {}: {}", record.taskId(), e.toString());
        }
        return "";
    }

    /**
     * Brings one file from {@code endpointId} into the staging folder; it becomes image {@code targetName}
     * (or a name derived from the file, collection from the endpoint's name) when the import task sees it arrive.
     *
     * @throws InvalidInputException bad path or name
     * @throws GlobusNotConfiguredException the registry has no endpoint
     * @throws GlobusApiException    Globus refused or failed
     */
    public SubmittedTransfer pull(String endpointId, String filePath, String targetName) throws IOException {
        String registryEndpoint = registryEndpoint();
        String source = EndpointPaths.file(filePath);
        String fileName = EndpointPaths.name(source);
        ImageName explicit = parseName(targetName);
        TransferClient client = clientFor.apply(endpointId, registryEndpoint);
        String remoteName = endpointName(client, endpointId);
        ImageName target = explicit != null ? explicit : ImageNameParser.fromFileName(fileName, remoteName);

        StagingArea staging = staging();
        Path local = staging.newFile(fileName);
        String destination = staging.endpointPathOf(local);
        String label = "sregistry pull " + target.withoutVersion().replaceAll("[^A-Za-z0-9 _-]", "-");
        TransferRequest request = TransferRequest.builder(endpointId, registryEndpoint).label(label)
                .verifyChecksum(true).notify(false, false, false).addFile(source, destination).build();
        TransferResult result = client.submitTransfer(request);
        TransferRecord record = new TransferRecord(result.taskId(), Direction.GET, label, endpointId, remoteName,
                registryEndpoint, registryName(),
                List.of(TransferItem.pending(source, destination, local.toString(), target.withoutVersion())),
                clock.instant(), null, false, List.of("submitted: " + source + " as " + target.withoutVersion()));
        String recorded = record(record);
        LOG.info("Globus pull task {}: {} {} as {}", result.taskId(), endpointId, source, target.withoutVersion());
        return new SubmittedTransfer(result.taskId(), "Transfer submitted: " + fileName + " from " + remoteName
                + " will become " + target.withoutVersion() + "." + recorded, record);
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

    private List<ImageInfo> images(List<String> uris) {
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
            ImageInfo image = registry.get(uri.trim()).orElseThrow(() -> new UnknownImageException(uri));
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
