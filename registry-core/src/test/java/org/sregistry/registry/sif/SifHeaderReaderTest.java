package org.sregistry.registry.sif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SifHeaderReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheGlobalHeaderOfAGeneratedSif() throws Exception {
        Path sif = dir.resolve("lolcow_latest.sif");
        UUID id = UUID.fromString("0b7e5c7a-4c53-4b8e-9e1b-2f3a4d5e6f70");
        Instant created = Instant.parse("2024-05-06T07:08:09Z");
        SifWriter.write(sif, "payload".getBytes(StandardCharsets.US_ASCII), "arm64", created, id);

        Map<String, String> facts = SifHeaderReader.read(sif);

        assertThat(facts).containsEntry("format", "sif")
                .containsEntry("sif.version", "01")
                .containsEntry("sif.arch", "arm64")
                .containsEntry("sif.id", id.toString())
                .containsEntry("sif.created", "2024-05-06T07:08:09Z")
                .containsEntry("sif.modified", "2024-05-06T07:08:09Z")
                .containsEntry("sif.descriptors.total", "1")
                .containsEntry("sif.descriptors.free", "0")
                .containsEntry("sif.descriptors.offset", "128")
                .containsEntry("sif.data.offset", "4096")
                .containsEntry("sif.data.size", "4096") // the squashfs holding the payload, padded to 4 KiB
                .containsEntry("sif.partition.fs", "squashfs");
        assertThat(Files.size(sif)).isEqualTo(4096 + 4096);
        // launch script first, magic at offset 32: what `file` and Singularity look for
        byte[] head = Files.readAllBytes(sif);
        assertThat(new String(head, 0, 31, StandardCharsets.US_ASCII)).isEqualTo("#!/usr/bin/env run-singularity\n".substring(0, 31));
        assertThat(new String(head, 32, 9, StandardCharsets.US_ASCII)).isEqualTo("SIF_MAGIC");
    }

    @Test
    void tellsWhatFileSystemThePrimaryPartitionStartsWith() throws Exception {
        Path sif = dir.resolve("odd.sif");
        SifWriter.write(sif, new byte[100]);
        long partition = Long.parseLong(SifHeaderReader.read(sif).get("sif.data.offset"));

        try (FileChannel ch = FileChannel.open(sif, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[4]), partition); // no squashfs magic any more
        }
        assertThat(SifHeaderReader.read(sif)).as("reported, not refused").containsEntry("format", "sif")
                .containsEntry("sif.partition.fs", "unknown");

        try (FileChannel ch = FileChannel.open(sif, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x53, (byte) 0xEF}), partition + 1080);
        }
        assertThat(SifHeaderReader.read(sif)).containsEntry("sif.partition.fs", "ext3");
    }

    @Test
    void otherFilesHaveNoSifFacts() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "just text, nothing else");
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        Path squash = Files.write(dir.resolve("old.simg"), "hsqs and more bytes".getBytes(StandardCharsets.US_ASCII));
        Path legacy = Files.write(dir.resolve("legacy.simg"),
                "#!/usr/bin/env run-singularity\nhsqs....".getBytes(StandardCharsets.US_ASCII));

        assertThat(SifHeaderReader.read(text)).isEmpty();
        assertThat(SifHeaderReader.read(empty)).isEmpty();
        assertThat(SifHeaderReader.read(squash)).containsExactly(Map.entry("format", "squashfs"));
        assertThat(SifHeaderReader.read(legacy)).containsExactly(Map.entry("format", "simg"));
    }
}
