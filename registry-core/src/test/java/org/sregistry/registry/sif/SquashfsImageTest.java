package org.sregistry.registry.sif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.registry.TestFiles;

/** The images are checked by squashfs-tools' unsquashfs, not by reading them back with our own code. */
class SquashfsImageTest {
    private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");

    @TempDir
    Path dir;

    @Test
    void aSmallFileIsListedAndExtractedByUnsquashfs() throws Exception {
        byte[] content = "hello from the registry\n".getBytes(StandardCharsets.UTF_8);
        Path image = Files.write(dir.resolve("small.sqfs"), SquashfsImage.withFile("hello.txt", content, TIME));

        byte[] bytes = Files.readAllBytes(image);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("hsqs");
        ByteBuffer superblock = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(superblock.getShort(28)).as("major version").isEqualTo((short) 4);
        assertThat(superblock.getShort(30)).as("minor version").isEqualTo((short) 0);
        assertThat(bytes.length % 4096).as("padded for loop devices, like mksquashfs").isZero();

        assertThat(Unsquashfs.stat(image)).contains("Found a valid SQUASHFS 4:0 superblock")
                .contains("Compression gzip").contains("Block size 131072").contains("Number of inodes 2");
        assertThat(Unsquashfs.list(image)).containsExactly(
                "drwxr-xr-x root/root 32 2024-05-06 07:08 squashfs-root",
                "-rw-r--r-- root/root 24 2024-05-06 07:08 squashfs-root/hello.txt");
        assertThat(extracted(image, "hello.txt")).isEqualTo(content);
    }

    @Test
    void aFileOfSeveralBlocksComesBackWhole() throws Exception {
        byte[] content = TestFiles.bytes(300 * 1024, 5); // two full 128 KiB blocks and a 44 KiB tail
        Path image = Files.write(dir.resolve("big.sqfs"), SquashfsImage.withFile(".registry-payload", content, TIME));

        assertThat(Unsquashfs.list(image)).contains(
                "-rw-r--r-- root/root 307200 2024-05-06 07:08 squashfs-root/.registry-payload");
        assertThat(extracted(image, ".registry-payload")).isEqualTo(content);
    }

    @Test
    void anEmptyFileIsAnEmptyFile() throws Exception {
        Path image = Files.write(dir.resolve("empty.sqfs"), SquashfsImage.withFile("empty", new byte[0], TIME));

        assertThat(Unsquashfs.list(image)).contains("-rw-r--r-- root/root 0 2024-05-06 07:08 squashfs-root/empty");
        assertThat(extracted(image, "empty")).isEmpty();
    }

    @Test
    void refusesNamesThatAreNoPlainFileName() {
        for (String bad : new String[] {"", ".", "..", "a/b", "x".repeat(256)}) {
            assertThatThrownBy(() -> SquashfsImage.withFile(bad, new byte[1], TIME))
                    .as("'%s'", bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private byte[] extracted(Path image, String name) throws Exception {
        Path out = dir.resolve("out-" + image.getFileName());
        Unsquashfs.extract(image, out);
        return Files.readAllBytes(out.resolve(name));
    }
}
