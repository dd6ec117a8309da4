package org.sregistry.globus.transfers;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * One file of a transfer. The last five fields are newer than 0.1.0: absent (read as null) in its records.
 *
 * @param sourcePath      path on the source endpoint
 * @param destinationPath path on the destination endpoint
 * @param stagedFile      the local file in the staging folder (pushed copy, or where a pull lands)
 * @param imageUri        for a push, the image sent; for a pull, the target name (then the imported URI)
 * @param state           progress of the registry's part
 * @param reason          why it failed, is retrying or is quarantined, or null
 * @param attempts        import attempts so far
 * @param keptFile        where an arrived file that could not be imported is kept (the quarantine folder, or the
 *                        staging folder when it could not be moved there), or null
 * @param size            the size Globus reported for an arrived file, when known (checked again on every retry)
 * @param nextAttemptAt   when the import task retries a quarantined file by itself; null = only when asked
 * @param waitingForSpace the full folder (and bytes needed) behind the last failure, when the registry named it:
 *                        the file is retried as soon as that much is free there
 * @param replace         for a pull: true when the user ticked "replace" (an image already under the name is
 *                        replaced); null or false: an existing name is never replaced, the file gets a free name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferItem(
        @JsonProperty("source_path") String sourcePath,
        @JsonProperty("destination_path") String destinationPath,
        @JsonProperty("staged_file") String stagedFile,
        @JsonProperty("image_uri") String imageUri,
        @JsonProperty("state") ItemState state,
        @JsonProperty("reason") String reason,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("kept_file") String keptFile,
        @JsonProperty("size") Long size,
        @JsonProperty("next_attempt_at") Instant nextAttemptAt,
        @JsonProperty("waiting_for_space") SpaceWait waitingForSpace,
        @JsonProperty("replace") Boolean replace) {

    /**
     * A full folder an import waits for.
     *
     * @param folder      the folder the registry could not write
     * @param neededBytes how much must be free there
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SpaceWait(@JsonProperty("folder") String folder, @JsonProperty("needed_bytes") long neededBytes) {
    }

    /** An item without quarantine fields (the shape of 0.1.0). */
    public TransferItem(String sourcePath, String destinationPath, String stagedFile, String imageUri,
                        ItemState state, String reason, int attempts) {
        this(sourcePath, destinationPath, stagedFile, imageUri, state, reason, attempts, null, null, null, null, null);
    }

    /** A new, pending item. */
    public static TransferItem pending(String sourcePath, String destinationPath, String stagedFile, String imageUri) {
        return new TransferItem(sourcePath, destinationPath, stagedFile, imageUri, ItemState.PENDING, null, 0);
    }

    /** This item, allowed ({@code true}) or not to replace an image already under its name when imported. */
    public TransferItem withReplace(boolean allowed) {
        return new TransferItem(sourcePath, destinationPath, stagedFile, imageUri, state, reason, attempts, keptFile,
                size, nextAttemptAt, waitingForSpace, allowed ? Boolean.TRUE : null);
    }

    /** True when the user asked for an existing image of the same name to be replaced. */
    @JsonIgnore
    public boolean replaceExisting() {
        return Boolean.TRUE.equals(replace);
    }

    /** This item in a new state (the quarantine fields stay). */
    public TransferItem with(ItemState newState, String newImageUri, String newReason, int newAttempts) {
        return new TransferItem(sourcePath, destinationPath, stagedFile, newImageUri, newState, newReason, newAttempts,
                keptFile, size, nextAttemptAt, waitingForSpace, replace);
    }

    /** Quarantined: kept at {@code file}, next automatic try at {@code next} (null: only when asked). */
    public TransferItem quarantinedAt(String file, Long expectedSize, String why, int newAttempts, Instant next,
                                      SpaceWait space) {
        return new TransferItem(sourcePath, destinationPath, stagedFile, imageUri, ItemState.QUARANTINED, why,
                newAttempts, file, expectedSize, next, space, replace);
    }

    /** With the quarantine retry plan changed (state, reason, attempts, next try, space wait). */
    public TransferItem rescheduled(ItemState newState, String why, int newAttempts, Instant next, SpaceWait space) {
        return new TransferItem(sourcePath, destinationPath, stagedFile, imageUri, newState, why, newAttempts,
                keptFile, size, next, space, replace);
    }

    /** With the kept file moved to {@code file}. */
    public TransferItem keptIn(String file) {
        return new TransferItem(sourcePath, destinationPath, stagedFile, imageUri, state, reason, attempts, file,
                size, nextAttemptAt, waitingForSpace, replace);
    }

    /** True once nothing more will happen to it. */
    public boolean settled() {
        return state == ItemState.IMPORTED || state == ItemState.CLEANED || state == ItemState.FAILED;
    }

    /**
     * True while its file is kept aside (quarantined, or a retry of it was asked for): the quarantine retries own it,
     * not the regular import of arrived files.
     */
    @JsonIgnore
    public boolean quarantined() {
        return keptFile != null && !settled();
    }

    /** The same file of the same transfer (same source and destination path). */
    public boolean sameFile(TransferItem other) {
        return Objects.equals(sourcePath, other.sourcePath) && Objects.equals(destinationPath, other.destinationPath);
    }
}
