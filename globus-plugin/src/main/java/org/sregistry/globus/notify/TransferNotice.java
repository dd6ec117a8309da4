package org.sregistry.globus.notify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * What a notification says about a transfer that ended: the webhook's JSON body, and what the e-mail is written
 * from. Made once when the transfer closes and kept in the outbox entry, so every retry sends the same facts.
 *
 * @param event       {@code succeeded} or {@code failed}
 * @param taskId      the Globus task id, or null when Globus never took the submit
 * @param direction   {@code GET} (Bring), {@code PUT} (Send) or {@code FOREIGN}
 * @param status      what Globus said last ({@code SUCCEEDED}, {@code FAILED}), or null when it never ran
 * @param canceled    true when the task was canceled
 * @param label       the task label
 * @param user        the registry user who started it
 * @param source      the source endpoint's name (or id)
 * @param destination the destination endpoint's name (or id)
 * @param images      the images it brought or sent, {@code collection/name:tag} (without digest)
 * @param files       each file, with the registry's outcome
 * @param submittedAt when it was submitted
 * @param finishedAt  when Globus finished it (or the registry gave up on it)
 * @param url         the task's page on the registry (absolute with {@code REGISTRY_PUBLIC_URL}, else a path)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferNotice(@JsonProperty("event") NotifyEvent event,
                             @JsonProperty("task_id") String taskId,
                             @JsonProperty("direction") String direction,
                             @JsonProperty("status") String status,
                             @JsonProperty("canceled") boolean canceled,
                             @JsonProperty("label") String label,
                             @JsonProperty("user") String user,
                             @JsonProperty("source") String source,
                             @JsonProperty("destination") String destination,
                             @JsonProperty("images") List<String> images,
                             @JsonProperty("files") List<FileNotice> files,
                             @JsonProperty("submitted_at") Instant submittedAt,
                             @JsonProperty("finished_at") Instant finishedAt,
                             @JsonProperty("url") String url) {

    public TransferNotice {
        images = images == null ? List.of() : List.copyOf(images);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * One file.
     *
     * @param sourcePath      where it came from
     * @param destinationPath where it went
     * @param image           the image (for a Bring, with digest once imported)
     * @param state           the registry's outcome: {@code IMPORTED}, {@code CLEANED} (sent), {@code FAILED}
     * @param reason          why it failed, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileNotice(@JsonProperty("source_path") String sourcePath,
                             @JsonProperty("destination_path") String destinationPath,
                             @JsonProperty("image") String image, @JsonProperty("state") String state,
                             @JsonProperty("reason") String reason) {
    }

    /**
     * The notice of the closed {@code record}.
     *
     * @param registryUrl the registry's public URL without trailing slash, or null
     * @param now         when it is noticed (the finish time when Globus gave none)
     */
    public static TransferNotice of(TransferRecord record, String registryUrl, Instant now) {
        List<FileNotice> files = record.items().stream().map(TransferNotice::file).toList();
        List<String> images = record.items().stream().map(TransferItem::imageUri).filter(u -> u != null)
                .map(TransferNotice::withoutDigest).distinct().toList();
        Instant finished = record.progress() != null && record.progress().completionTime() != null
                ? record.progress().completionTime() : now;
        String path = "/globus/tasks/" + record.key();
        return new TransferNotice(NotifyEvent.of(record), record.taskId(),
                record.direction() == null ? null : record.direction().name(),
                record.progress() == null ? null : record.progress().status(),
                record.progress() != null && record.progress().canceled(), record.label(), record.user(),
                name(record.sourceEndpointName(), record.sourceEndpointId()),
                name(record.destinationEndpointName(), record.destinationEndpointId()), images, files,
                record.submittedAt(), finished, registryUrl == null ? path : registryUrl + path);
    }

    private static FileNotice file(TransferItem item) {
        return new FileNotice(item.sourcePath(), item.destinationPath(), item.imageUri(),
                item.state() == null ? null : item.state().name(), item.reason());
    }

    /** {@code lab/tool:1@sha256:…} → {@code lab/tool:1}. */
    static String withoutDigest(String uri) {
        int at = uri.indexOf('@');
        return at < 0 ? uri : uri.substring(0, at);
    }

    private static String name(String name, String id) {
        return name != null && !name.isBlank() ? name : id;
    }
}
