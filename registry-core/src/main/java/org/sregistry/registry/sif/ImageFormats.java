package org.sregistry.registry.sif;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells container images from other files by their first bytes: a SIF file ({@code SIF_MAGIC} at
 * offset 32, after the launch script), or a legacy Singularity 2.x image — a squashfs
 * ({@code hsqs} at 0) or an ext3 file system (superblock magic {@code 0xEF53} at 1080), either of
 * them possibly behind the {@code #!/usr/bin/env run-singularity} line.
 */
public final class ImageFormats {
    /** How many leading bytes {@link #detect} needs. */
    public static final int HEAD_BYTES = 2048;
    private static final byte[] SIF_MAGIC = "SIF_MAGIC\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SQUASHFS_MAGIC = "hsqs".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAUNCH = "#!/usr/bin/env run-singularity\n".getBytes(StandardCharsets.US_ASCII);
    private static final int EXT_MAGIC_OFFSET = 1080;

    private ImageFormats() {
    }

    /** {@code sif}, {@code squashfs}, {@code ext3}, or empty when {@code head} starts none of them. */
    public static Optional<String> detect(byte[] head, int length) {
        if (at(head, length, 32, SIF_MAGIC)) {
            return Optional.of("sif");
        }
        Optional<String> fs = fileSystemAt(head, length, 0);
        if (fs.isEmpty() && at(head, length, 0, LAUNCH)) {
            fs = fileSystemAt(head, length, LAUNCH.length);
        }
        return fs;
    }

    /**
     * {@code squashfs} or {@code ext3} when {@code head} starts that file system (as a SIF
     * partition must, for Apptainer to use it), else empty. Needs up to {@value #HEAD_BYTES} bytes.
     */
    public static Optional<String> fileSystem(byte[] head, int length) {
        return fileSystemAt(head, length, 0);
    }

    private static Optional<String> fileSystemAt(byte[] head, int length, int offset) {
        if (at(head, length, offset, SQUASHFS_MAGIC)) {
            return Optional.of("squashfs");
        }
        if (length >= offset + EXT_MAGIC_OFFSET + 2 && (head[offset + EXT_MAGIC_OFFSET] & 0xff) == 0x53
                && (head[offset + EXT_MAGIC_OFFSET + 1] & 0xff) == 0xEF) {
            return Optional.of("ext3");
        }
        return Optional.empty();
    }

    private static boolean at(byte[] head, int length, int offset, byte[] magic) {
        if (length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[offset + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
