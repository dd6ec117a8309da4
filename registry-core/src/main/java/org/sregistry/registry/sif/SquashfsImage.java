package org.sregistry.registry.sif;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds a real squashfs 4.0 file system in memory: a root directory (mode 0755) holding one
 * regular file (mode 0644), both owned by root, so tests and the demo can make SIF files that
 * Apptainer, {@code unsquashfs} and the kernel accept without squashfs-tools installed.
 *
 * <p>Everything is stored uncompressed — data blocks carry the "uncompressed" bit in their sizes,
 * metadata blocks the {@code 0x8000} bit in their headers — so no compressor is needed; the
 * superblock still names gzip (id 1), which every reader knows. There are no fragments (the
 * file's tail is a short last block), no extended attributes and no NFS export table.
 *
 * <p>The layout is the one mksquashfs writes, since readers check the order of the tables:
 * superblock (96 bytes), the file's data blocks, inode table (the file's inode, then the root's),
 * directory table, the (empty) fragment table, the id table's one metadata block, the id index;
 * then zeros up to a multiple of 4 KiB, as mksquashfs pads for loop devices.
 */
public final class SquashfsImage {
    /** Size of a data block: the file's content is cut into blocks of this size. */
    public static final int BLOCK_SIZE = 128 * 1024;
    private static final int BLOCK_LOG = 17;
    private static final int MAGIC = 0x73717368; // "hsqs" read little-endian
    private static final int SUPERBLOCK_SIZE = 96;
    private static final int METADATA_SIZE = 8192;
    private static final int METADATA_UNCOMPRESSED = 0x8000;
    private static final int DATA_UNCOMPRESSED = 1 << 24;
    private static final int GZIP = 1;
    private static final int PADDING = 4096;
    private static final long ABSENT = -1L; // SQUASHFS_INVALID_BLK: no xattr or export table
    private static final int NO_FRAGMENT = 0xffff_ffff;
    private static final int TYPE_DIR = 1;
    private static final int TYPE_FILE = 2;
    private static final int FILE_INODE = 1;
    private static final int ROOT_INODE = 2;
    private static final int INODES = 2;
    private static final int REG_INODE_SIZE = 32;
    private static final int DIR_INODE_SIZE = 32;
    // uncompressed inodes, data, fragments and xattrs; no fragments; no xattrs
    private static final short FLAGS = (short) (1 | 1 << 1 | 1 << 3 | 1 << 4 | 1 << 8 | 1 << 9);

    private SquashfsImage() {
    }

    /**
     * The bytes of a file system whose root holds the file {@code name} with {@code content}.
     *
     * @param name  a plain file name: 1–255 bytes of UTF-8, no {@code /}, not {@code .} or {@code ..}
     * @param mtime modification time of the file, the root and the file system (whole seconds,
     *              1970 to 2106: squashfs keeps an unsigned 32-bit count)
     */
    public static byte[] withFile(String name, byte[] content, Instant mtime) {
        byte[] fileName = checkedName(name);
        int time = checkedTime(mtime);
        int blocks = (int) ((content.length + (long) BLOCK_SIZE - 1) / BLOCK_SIZE);

        ByteBuffer inodes = le(REG_INODE_SIZE + 4 * blocks + DIR_INODE_SIZE);
        inodes.putShort((short) TYPE_FILE).putShort((short) 0644).putShort((short) 0).putShort((short) 0)
                .putInt(time).putInt(FILE_INODE);
        // the first data block follows the superblock; an empty file has none (mksquashfs writes 0)
        inodes.putInt(blocks == 0 ? 0 : SUPERBLOCK_SIZE).putInt(NO_FRAGMENT).putInt(0).putInt(content.length);
        for (int b = 0; b < blocks; b++) {
            inodes.putInt(Math.min(BLOCK_SIZE, content.length - b * BLOCK_SIZE) | DATA_UNCOMPRESSED);
        }
        int rootAt = inodes.position();
        // the root's listing: one header (count is entries - 1), one entry pointing at the file's inode,
        // which starts the first inode metadata block
        ByteBuffer listing = le(12 + 8 + fileName.length);
        listing.putInt(0).putInt(0).putInt(FILE_INODE);
        listing.putShort((short) 0).putShort((short) 0).putShort((short) TYPE_FILE)
                .putShort((short) (fileName.length - 1)).put(fileName);
        inodes.putShort((short) TYPE_DIR).putShort((short) 0755).putShort((short) 0).putShort((short) 0)
                .putInt(time).putInt(ROOT_INODE);
        // listing at directory table block 0, offset 0; size counts the implied "." and ".." (+3);
        // the root's parent is one past the last inode, as mksquashfs writes it
        inodes.putInt(0).putInt(2).putShort((short) (listing.capacity() + 3)).putShort((short) 0)
                .putInt(INODES + 1);

        byte[] inodeTable = metadata(inodes.array());
        byte[] directoryTable = metadata(listing.array());
        byte[] idBlock = metadata(le(4).putInt(0).array()); // one id, 0: uid and gid of root

        long inodeTableStart = SUPERBLOCK_SIZE + (long) content.length;
        long directoryTableStart = inodeTableStart + inodeTable.length;
        long idBlockStart = directoryTableStart + directoryTable.length;
        long idTableStart = idBlockStart + idBlock.length;
        long bytesUsed = idTableStart + 8;
        long total = (bytesUsed + PADDING - 1) / PADDING * PADDING;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("content too large for an in-memory image: " + content.length + " bytes");
        }
        // an inode reference: where its metadata block starts in the inode table, and where in that block
        long rootRef = (long) (rootAt / METADATA_SIZE) * (METADATA_SIZE + 2) << 16 | rootAt % METADATA_SIZE;

        ByteBuffer image = le((int) total);
        image.putInt(MAGIC).putInt(INODES).putInt(time).putInt(BLOCK_SIZE).putInt(0)
                .putShort((short) GZIP).putShort((short) BLOCK_LOG).putShort(FLAGS).putShort((short) 1)
                .putShort((short) 4).putShort((short) 0);
        image.putLong(rootRef).putLong(bytesUsed).putLong(idTableStart).putLong(ABSENT)
                .putLong(inodeTableStart).putLong(directoryTableStart)
                .putLong(idBlockStart) // fragment table: none, so it ends (and starts) where the id block starts
                .putLong(ABSENT);
        image.put(content).put(inodeTable).put(directoryTable).put(idBlock).putLong(idBlockStart);
        return image.array();
    }

    /** {@code data} cut into metadata blocks, each behind its 2-byte header (length | uncompressed bit). */
    private static byte[] metadata(byte[] data) {
        int blocks = (data.length + METADATA_SIZE - 1) / METADATA_SIZE;
        ByteBuffer out = le(data.length + 2 * blocks);
        for (int from = 0; from < data.length; from += METADATA_SIZE) {
            int length = Math.min(METADATA_SIZE, data.length - from);
            out.putShort((short) (length | METADATA_UNCOMPRESSED)).put(data, from, length);
        }
        return out.array();
    }

    private static byte[] checkedName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > 255 || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0
                || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a plain file name: '" + name + "'");
        }
        return bytes;
    }

    private static int checkedTime(Instant mtime) {
        long seconds = mtime.getEpochSecond();
        if (seconds < 0 || seconds > 0xffff_ffffL) {
            throw new IllegalArgumentException("squashfs keeps times from 1970 to 2106, not " + mtime);
        }
        return (int) seconds;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
