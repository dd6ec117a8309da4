package org.sregistry.registry.sif;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes a minimal valid SIF file: global header, one partition descriptor (the primary system
 * partition, squashfs) and its data, a real squashfs file system ({@link SquashfsImage}) whose
 * root holds one file, {@value #PAYLOAD_FILE}, with the given payload. Used by tests and the demo
 * to create small SIF files that Apptainer accepts (its pull checks that the primary partition
 * starts with a squashfs superblock) without Singularity or squashfs-tools installed.
 */
public final class SifWriter {
    /** Name of the one file in the image's root, which holds the payload. */
    public static final String PAYLOAD_FILE = ".registry-payload";
    private static final int DESCRIPTOR_SIZE = 585; // binary.Size(rawDescriptor) in sylabs/sif
    private static final int DATA_ALIGN = 4096;
    private static final int DATA_TYPE_PARTITION = 0x4004;
    private static final int FS_SQUASH = 1;
    private static final int PART_PRIMARY_SYSTEM = 2;
    private static final int GROUP_MASK = 0xf000_0000;
    private static final String LAUNCH = "#!/usr/bin/env run-singularity\n";

    private SifWriter() {
    }

    /**
     * Writes a new SIF file whose primary system partition is a squashfs holding {@code payload}
     * as the file {@code /}{@value #PAYLOAD_FILE}. The same arguments give the same bytes.
     *
     * @param arch    e.g. {@code amd64}
     * @param created creation time (seconds are kept), also the time of the squashfs and its file
     */
    public static void write(Path file, byte[] payload, String arch, Instant created, UUID id) throws IOException {
        String archCode = SifArch.code(arch);
        byte[] partition = SquashfsImage.withFile(PAYLOAD_FILE, payload, created);
        long dataOffset = DATA_ALIGN;
        ByteBuffer head = ByteBuffer.allocate(DATA_ALIGN).order(ByteOrder.LITTLE_ENDIAN);
        head.put(LAUNCH.getBytes(StandardCharsets.US_ASCII));
        head.position(SifHeaderReader.LAUNCH_LENGTH);
        head.put(SifHeaderReader.MAGIC);
        head.put("01\0".getBytes(StandardCharsets.US_ASCII));
        head.put((archCode + "\0").getBytes(StandardCharsets.US_ASCII));
        head.order(ByteOrder.BIG_ENDIAN).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        head.order(ByteOrder.LITTLE_ENDIAN);
        long seconds = created.getEpochSecond();
        head.putLong(seconds).putLong(seconds);
        head.putLong(0).putLong(1); // descriptors free, total
        head.putLong(SifHeaderReader.HEADER_SIZE).putLong(DESCRIPTOR_SIZE);
        head.putLong(dataOffset).putLong(partition.length);
        // the one descriptor
        int d = SifHeaderReader.HEADER_SIZE;
        head.position(d);
        head.putInt(DATA_TYPE_PARTITION).put((byte) 1).putInt(1).putInt(GROUP_MASK | 1).putInt(0);
        head.putLong(dataOffset).putLong(partition.length).putLong(partition.length);
        head.putLong(seconds).putLong(seconds).putLong(0).putLong(0);
        byte[] name = new byte[128];
        byte[] partName = "rootfs".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(partName, 0, name, 0, partName.length);
        head.put(name);
        int extra = head.position();
        head.putInt(FS_SQUASH).putInt(PART_PRIMARY_SYSTEM).put((archCode + "\0").getBytes(StandardCharsets.US_ASCII));
        head.position(extra + 384);
        head.clear();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (head.hasRemaining()) {
                ch.write(head);
            }
            ByteBuffer data = ByteBuffer.wrap(partition);
            while (data.hasRemaining()) {
                ch.write(data);
            }
        }
    }

    /** A small amd64 SIF with {@code payload}, created now, random id. */
    public static void write(Path file, byte[] payload) throws IOException {
        write(file, payload, "amd64", Instant.now(), UUID.randomUUID());
    }
}
