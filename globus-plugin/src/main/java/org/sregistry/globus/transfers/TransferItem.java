package org.sregistry.globus.transfers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One file of a transfer.
 *
 * @param sourcePath      path on the source endpoint
 * @param destinationPath path on the destination endpoint
 * @param stagedFile      the local file in the staging folder (pushed copy, or where a pull lands)
 * @param imageUri        for a push, the image sent; for a pull, the target name (then the imported URI)
 * @param state           progress of the registry's part
 * @param reason          why it failed or is retrying, or null
 * @param attempts        import attempts so far
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferItem(
        @JsonProperty("source_path") String sourcePath,
        @JsonProperty("destination_path") String destinationPath,
        @JsonProperty("staged_file") String stagedFile,
        @JsonProperty("image_uri") String imageUri,
        @JsonProperty("state") ItemState state,
        @JsonProperty("reason") String reason,
        @JsonProperty("attempts") int attempts) {

    /** A new, pending item. */
    public static TransferItem pending(String sourcePath, String destinationPath, String stagedFile, String imageUri) {
        return new TransferItem(sourcePath, destinationPath, stagedFile, imageUri, ItemState.PENDING, null, 0);
    }

    /** This item in a new state. */
    public TransferItem with(ItemState newState, String newImageUri, String newReason, int newAttempts) {
        return new TransferItem(sourcePath, destinationPath, stagedFile, newImageUri, newState, newReason, newAttempts);
    }

    /** True once nothing more will happen to it. */
    public boolean settled() {
        return state == ItemState.IMPORTED || state == ItemState.CLEANED || state == ItemState.FAILED;
    }
}
