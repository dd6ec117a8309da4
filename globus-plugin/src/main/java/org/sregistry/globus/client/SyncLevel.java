package org.sregistry.globus.client;

/** {@code sync_level}, sent as an integer: skip files whose destination already matches by this criterion. */
public enum SyncLevel {
    /** 0: destination exists. */
    EXISTS(0),
    /** 1: same size. */
    SIZE(1),
    /** 2: destination not older than source. */
    MTIME(2),
    /** 3: same checksum. */
    CHECKSUM(3);

    private final int value;

    SyncLevel(int value) {
        this.value = value;
    }

    /** The wire value. */
    public int value() {
        return value;
    }

    /** The level sent as {@code value}. */
    public static SyncLevel of(int value) {
        for (SyncLevel level : values()) {
            if (level.value == value) {
                return level;
            }
        }
        throw new IllegalArgumentException("sync_level must be 0 to 3, got " + value);
    }
}
