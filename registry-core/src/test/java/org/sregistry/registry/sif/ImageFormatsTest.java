package org.sregistry.registry.sif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.registry.TestFiles;

class ImageFormatsTest {
    @TempDir
    Path work;

    @Test
    void knowsSifSquashfsAndExt3() throws Exception {
        Path sif = work.resolve("a.sif");
        SifWriter.write(sif, TestFiles.bytes(100, 1));
        assertThat(detect(Files.readAllBytes(sif))).hasValue("sif");

        byte[] squashfs = new byte[4096];
        System.arraycopy("hsqs".getBytes(StandardCharsets.US_ASCII), 0, squashfs, 0, 4);
        assertThat(detect(squashfs)).hasValue("squashfs");

        byte[] ext3 = new byte[4096];
        ext3[1080] = 0x53;
        ext3[1081] = (byte) 0xEF;
        assertThat(detect(ext3)).hasValue("ext3");

        byte[] launch = "#!/usr/bin/env run-singularity\n".getBytes(StandardCharsets.US_ASCII);
        byte[] simg = new byte[4096];
        System.arraycopy(launch, 0, simg, 0, launch.length);
        System.arraycopy("hsqs".getBytes(StandardCharsets.US_ASCII), 0, simg, launch.length, 4);
        assertThat(detect(simg)).as("Singularity 2.x: launch line, then squashfs").hasValue("squashfs");
    }

    @Test
    void anythingElseIsNoImage() {
        assertThat(detect(new byte[0])).isEmpty();
        assertThat(detect("Alice's scratch space.\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(detect(TestFiles.bytes(4096, 7))).isEmpty();
        byte[] shortExt = new byte[1081];
        shortExt[1080] = 0x53;
        assertThat(detect(shortExt)).as("the magic cut off").isEmpty();
        assertThat(detect("SIF_MAGIC at the wrong place".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    private static java.util.Optional<String> detect(byte[] head) {
        byte[] first = java.util.Arrays.copyOf(head, Math.min(head.length, ImageFormats.HEAD_BYTES));
        return ImageFormats.detect(first, first.length);
    }
}
