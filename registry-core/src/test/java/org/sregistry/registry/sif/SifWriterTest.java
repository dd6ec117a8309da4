package org.sregistry.registry.sif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.registry.TestFiles;

class SifWriterTest {
    @TempDir
    Path dir;

    @Test
    void thePrimaryPartitionIsASquashfsHoldingThePayload() throws Exception {
        Path sif = dir.resolve("demo.sif");
        byte[] payload = TestFiles.bytes(200_000, 9);
        SifWriter.write(sif, payload, "amd64", Instant.parse("2024-03-01T10:00:00Z"), UUID.randomUUID());

        // where the descriptor says the partition is, as Apptainer reads it (sylabs/sif rawDescriptor)
        ByteBuffer descriptor = ByteBuffer.allocate(585).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(sif)) {
            ch.read(descriptor, SifHeaderReader.HEADER_SIZE);
        }
        assertThat(descriptor.getInt(0)).as("data type: partition").isEqualTo(0x4004);
        assertThat(descriptor.getInt(201)).as("fs type: squashfs").isEqualTo(1);
        assertThat(descriptor.getInt(205)).as("partition type: primary system").isEqualTo(2);
        long offset = descriptor.getLong(17);
        long size = descriptor.getLong(25);
        assertThat(offset + size).as("the partition ends the file").isEqualTo(Files.size(sif));

        byte[] all = Files.readAllBytes(sif);
        Path partition = Files.write(dir.resolve("rootfs.sqfs"),
                java.util.Arrays.copyOfRange(all, (int) offset, (int) (offset + size)));
        Path out = dir.resolve("rootfs");
        Unsquashfs.extract(partition, out);
        assertThat(Files.readAllBytes(out.resolve(SifWriter.PAYLOAD_FILE))).isEqualTo(payload);
        assertThat(SifHeaderReader.read(sif)).containsEntry("sif.partition.fs", "squashfs")
                .containsEntry("sif.data.offset", Long.toString(offset))
                .containsEntry("sif.data.size", Long.toString(size));
    }

    @Test
    void theSameArgumentsGiveTheSameFile() throws Exception {
        UUID id = UUID.randomUUID();
        Instant created = Instant.parse("2024-03-01T10:00:00Z");
        Path a = dir.resolve("a.sif");
        Path b = dir.resolve("b.sif");
        SifWriter.write(a, TestFiles.bytes(5000, 1), "amd64", created, id);
        SifWriter.write(b, TestFiles.bytes(5000, 1), "amd64", created, id);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }
}
