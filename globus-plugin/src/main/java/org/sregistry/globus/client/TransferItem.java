package org.sregistry.globus.client;

/**
 * One {@code transfer_item}. Files name the full destination file path; directories end with {@code /} and are
 * recursive.
 */
public record TransferItem(String sourcePath, String destinationPath, boolean recursive, String externalChecksum,
                           String checksumAlgorithm) {

    /** A single file to a full destination file path. */
    public static TransferItem file(String sourcePath, String destinationPath) {
        return new TransferItem(sourcePath, destinationPath, false, null, null);
    }

    /** A directory tree (paths get a trailing slash). */
    public static TransferItem directory(String sourcePath, String destinationPath) {
        return new TransferItem(slash(sourcePath), slash(destinationPath), true, null, null);
    }

    /** This item with a known source checksum. */
    public TransferItem withChecksum(String checksum, String algorithm) {
        return new TransferItem(sourcePath, destinationPath, recursive, checksum, algorithm);
    }

    private static String slash(String p) {
        return p.endsWith("/") ? p : p + "/";
    }
}
