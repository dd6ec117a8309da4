package org.sregistry.globussim;

import java.time.Duration;

/** Settings that the control API may change while the simulator runs (hence volatile). */
public final class RuntimeSettings {
    private volatile Duration accessTokenLifetime;
    private volatile long transferBytesPerSecond;
    private volatile int successfulTransfersPageSize;
    private volatile boolean holdTransfers;

    public RuntimeSettings(Duration accessTokenLifetime, long transferBytesPerSecond, int successfulTransfersPageSize) {
        this.accessTokenLifetime = accessTokenLifetime;
        this.transferBytesPerSecond = transferBytesPerSecond;
        this.successfulTransfersPageSize = successfulTransfersPageSize;
    }

    public Duration accessTokenLifetime() { return accessTokenLifetime; }
    public void accessTokenLifetime(Duration d) { this.accessTokenLifetime = d; }

    /** Copy speed of transfers; 0 or less = as fast as the disk allows. */
    public long transferBytesPerSecond() { return transferBytesPerSecond; }
    public void transferBytesPerSecond(long bps) { this.transferBytesPerSecond = bps; }

    public int successfulTransfersPageSize() { return successfulTransfersPageSize; }
    public void successfulTransfersPageSize(int n) {
        if (n < 1) throw new IllegalArgumentException("page size must be at least 1");
        this.successfulTransfersPageSize = n;
    }

    /** While true, submitted transfers stay ACTIVE without copying (lets tests act on an active task). */
    public boolean holdTransfers() { return holdTransfers; }
    public void holdTransfers(boolean hold) { this.holdTransfers = hold; }
}
