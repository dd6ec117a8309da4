package org.sregistry.registry.sif;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Reads facts from the head of an image file: the Singularity SIF global header
 * (layout of github.com/sylabs/sif: 32-byte launch script, {@code SIF_MAGIC}, version, arch, UUID,
 * then eight little-endian int64: created, modified, descriptors free/total/offset/size, data
 * offset/size), or the squashfs magic of a legacy {@code .simg}.
 *
 * <p>Any file is accepted; one that is neither gives an empty map. Keys: {@code format},
 * {@code sif.version}, {@code sif.arch}, {@code sif.id}, {@code sif.created}, {@code sif.modified},
 * {@code sif.descriptors.total}, {@code sif.descriptors.free}, {@code sif.descriptors.offset},
 * {@code sif.descriptors.size}, {@code sif.data.offset}, {@code sif.data.size}, and, when the SIF
 * has a primary system partition, {@code sif.partition.fs}: {@code squashfs}, {@code ext3} or
 * {@code unknown} by the partition's first bytes. Apptainer refuses to pull or run a SIF whose
 * partition is not what it expects, so this tells such a file apart; it is only reported, nothing
 * is refused for it. The descriptors (the first 1024 at most) and the partition's first
 * {@value ImageFormats#HEAD_BYTES} bytes are read in the same open of the file as the header.
 */
public final class SifHeaderReader {
    /** Total size of the global header. */
    public static final int HEADER_SIZE = 128;
    static final int LAUNCH_LENGTH = 32;
    static final byte[] MAGIC = "SIF_MAGIC\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SQUASHFS_MAGIC = "hsqs".getBytes(StandardCharsets.US_ASCII);
    /** Descriptors looked at for the primary partition; sylabs/sif writes 48 by default. */
    private static final int MAX_DESCRIPTORS = 1024;
    private static final int DESCRIPTORS_TOTAL_AT = 88; // in the global header
    private static final int DESCRIPTORS_OFFSET_AT = 96;
    private static final int DESCRIPTOR_SIZE = 585; // binary.Size(rawDescriptor) in sylabs/sif
    private static final int DATA_TYPE_PARTITION = 0x4004;
    private static final int PART_PRIMARY_SYSTEM = 2;
    /** Singularity 2.x images: a one-line launch script, then the squashfs. */
    private static final String LEGACY_LAUNCH = "#!/usr/bin/env run-singularity\n";

    private SifHeaderReader() {
    }

    /** Facts about {@code file}; empty when it is neither SIF nor squashfs. */
    public static Map<String, String> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = readAt(ch, 0, HEADER_SIZE);
            Map<String, String> facts = read(head);
            if ("sif".equals(facts.get("format"))) {
                OptionalLong partition = primaryPartition(ch, head.getLong(DESCRIPTORS_OFFSET_AT),
                        head.getLong(DESCRIPTORS_TOTAL_AT));
                if (partition.isPresent()) {
                    facts.put("sif.partition.fs", fileSystemAt(ch, partition.getAsLong()));
                }
            }
            return facts;
        }
    }

    /** Offset of the primary system partition's data, from the descriptors. */
    private static OptionalLong primaryPartition(FileChannel ch, long offset, long total) throws IOException {
        if (offset < HEADER_SIZE || total <= 0) {
            return OptionalLong.empty();
        }
        int count = (int) Math.min(total, MAX_DESCRIPTORS);
        ByteBuffer descriptors = readAt(ch, offset, count * DESCRIPTOR_SIZE);
        for (int d = 0; d + DESCRIPTOR_SIZE <= descriptors.limit(); d += DESCRIPTOR_SIZE) {
            // rawDescriptor: DataType int32, Used bool, 3 x uint32 ids, Offset int64 ...; Extra at 201:
            // for a partition Fstype int32, Parttype int32
            boolean used = descriptors.get(d + 4) != 0;
            if (used && descriptors.getInt(d) == DATA_TYPE_PARTITION
                    && descriptors.getInt(d + 205) == PART_PRIMARY_SYSTEM) {
                return OptionalLong.of(descriptors.getLong(d + 17));
            }
        }
        return OptionalLong.empty();
    }

    /** What file system starts at {@code position}, by its first bytes. */
    private static String fileSystemAt(FileChannel ch, long position) throws IOException {
        if (position < 0) {
            return "unknown";
        }
        ByteBuffer start = readAt(ch, position, ImageFormats.HEAD_BYTES);
        return ImageFormats.fileSystem(start.array(), start.limit()).orElse("unknown");
    }

    /** Up to {@code length} bytes at {@code position}: fewer where the file ends. */
    private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long at = position;
        int n;
        while (buf.hasRemaining() && (n = ch.read(buf, at)) > 0) {
            at += n;
        }
        buf.flip();
        return buf;
    }

    /** Facts from the first (up to) {@value #HEADER_SIZE} bytes of a file. */
    static Map<String, String> read(ByteBuffer head) {
        Map<String, String> facts = new LinkedHashMap<>();
        if (head.remaining() >= HEADER_SIZE && startsWith(head, LAUNCH_LENGTH, MAGIC)) {
            readSif(head, facts);
        } else if (startsWith(head, 0, SQUASHFS_MAGIC)) {
            facts.put("format", "squashfs");
        } else if (startsWith(head, 0, LEGACY_LAUNCH.getBytes(StandardCharsets.US_ASCII))
                && startsWith(head, LEGACY_LAUNCH.length(), SQUASHFS_MAGIC)) {
            facts.put("format", "simg");
        }
        return facts;
    }

    private static void readSif(ByteBuffer head, Map<String, String> facts) {
        int pos = LAUNCH_LENGTH + MAGIC.length;
        String version = cString(head, pos, 3);
        String arch = cString(head, pos + 3, 3);
        long msb = head.order(ByteOrder.BIG_ENDIAN).getLong(pos + 6);
        long lsb = head.getLong(pos + 14);
        head.order(ByteOrder.LITTLE_ENDIAN);
        int p = pos + 22;
        facts.put("format", "sif");
        facts.put("sif.version", version);
        facts.put("sif.arch", SifArch.name(arch));
        facts.put("sif.id", new UUID(msb, lsb).toString());
        facts.put("sif.created", Instant.ofEpochSecond(head.getLong(p)).toString());
        facts.put("sif.modified", Instant.ofEpochSecond(head.getLong(p + 8)).toString());
        facts.put("sif.descriptors.free", Long.toString(head.getLong(p + 16)));
        facts.put("sif.descriptors.total", Long.toString(head.getLong(p + 24)));
        facts.put("sif.descriptors.offset", Long.toString(head.getLong(p + 32)));
        facts.put("sif.descriptors.size", Long.toString(head.getLong(p + 40)));
        facts.put("sif.data.offset", Long.toString(head.getLong(p + 48)));
        facts.put("sif.data.size", Long.toString(head.getLong(p + 56)));
    }

    private static boolean startsWith(ByteBuffer head, int offset, byte[] expected) {
        if (head.limit() < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (head.get(offset + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String cString(ByteBuffer head, int offset, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            byte b = head.get(offset + i);
            if (b == 0) {
                break;
            }
            s.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return s.toString();
    }
}
