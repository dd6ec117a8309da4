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
import java.util.UUID;

/**
 * Reads facts from the first bytes of an image file: the Singularity SIF global header
 * (layout of github.com/sylabs/sif: 32-byte launch script, {@code SIF_MAGIC}, version, arch, UUID,
 * then eight little-endian int64: created, modified, descriptors free/total/offset/size, data
 * offset/size), or the squashfs magic of a legacy {@code .simg}.
 *
 * <p>Any file is accepted; one that is neither gives an empty map. Keys: {@code format},
 * {@code sif.version}, {@code sif.arch}, {@code sif.id}, {@code sif.created}, {@code sif.modified},
 * {@code sif.descriptors.total}, {@code sif.descriptors.free}, {@code sif.descriptors.offset},
 * {@code sif.descriptors.size}, {@code sif.data.offset}, {@code sif.data.size}.
 */
public final class SifHeaderReader {
    /** Total size of the global header. */
    public static final int HEADER_SIZE = 128;
    static final int LAUNCH_LENGTH = 32;
    static final byte[] MAGIC = "SIF_MAGIC\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SQUASHFS_MAGIC = "hsqs".getBytes(StandardCharsets.US_ASCII);
    /** Singularity 2.x images: a one-line launch script, then the squashfs. */
    private static final String LEGACY_LAUNCH = "#!/usr/bin/env run-singularity\n";

    private SifHeaderReader() {
    }

    /** Facts about {@code file}; empty when it is neither SIF nor squashfs. */
    public static Map<String, String> read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // fill what the file has
            }
        }
        buf.flip();
        return read(buf);
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
