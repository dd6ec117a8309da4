package org.sregistry.globussim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** How to start a {@link GlobusSimulator}. Build with {@link #builder()}. */
public final class SimulatorConfig {
    /** The native-app client id the simulator advertises (any UUID client id is accepted too). */
    public static final String DEFAULT_CLIENT_ID = "6a2f9c51-3e1b-4d07-9b8e-51f0c2d7a9e4";
    public static final String DEFAULT_USERNAME = "admin@example.org";

    private final String bind;
    private final int port;
    private final Path dataDir;
    private final Duration accessTokenLifetime;
    private final long transferBytesPerSecond;
    private final int successfulTransfersPageSize;
    private final String defaultUsername;
    private final String defaultClientId;
    private final String controlSecret;
    private final String issuer;

    private SimulatorConfig(Builder b) {
        this.bind = b.bind;
        this.port = b.port;
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir is required");
        this.accessTokenLifetime = b.accessTokenLifetime;
        this.transferBytesPerSecond = b.transferBytesPerSecond;
        this.successfulTransfersPageSize = b.successfulTransfersPageSize;
        this.defaultUsername = b.defaultUsername;
        this.defaultClientId = b.defaultClientId;
        this.controlSecret = b.controlSecret;
        this.issuer = b.issuer;
    }

    public static Builder builder() { return new Builder(); }

    public String bind() { return bind; }
    public int port() { return port; }
    public Path dataDir() { return dataDir; }
    public Duration accessTokenLifetime() { return accessTokenLifetime; }
    public long transferBytesPerSecond() { return transferBytesPerSecond; }
    public int successfulTransfersPageSize() { return successfulTransfersPageSize; }
    public String defaultUsername() { return defaultUsername; }
    public String defaultClientId() { return defaultClientId; }
    /** The secret every {@code /sim/} call must bring as {@code Authorization: Bearer …}, or null: open (tests). */
    public String controlSecret() { return controlSecret; }
    /** The OIDC issuer (and base of the discovery document's URLs), or null: {@code http://HOST:PORT/auth}. */
    public String issuer() { return issuer; }

    /** Builder with the defaults: loopback, random port, 48 h tokens, 50 MB/s, 100 successful transfers a page. */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int port = 0;
        private Path dataDir;
        private Duration accessTokenLifetime = Duration.ofHours(48);
        private long transferBytesPerSecond = 50_000_000L;
        private int successfulTransfersPageSize = 100;
        private String defaultUsername = DEFAULT_USERNAME;
        private String defaultClientId = DEFAULT_CLIENT_ID;
        private String controlSecret;
        private String issuer;

        public Builder bind(String v) { bind = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder accessTokenLifetime(Duration v) { accessTokenLifetime = v; return this; }
        /** 0 or less = unthrottled. */
        public Builder transferBytesPerSecond(long v) { transferBytesPerSecond = v; return this; }
        public Builder successfulTransfersPageSize(int v) { successfulTransfersPageSize = v; return this; }
        public Builder defaultUsername(String v) { defaultUsername = v; return this; }
        public Builder defaultClientId(String v) { defaultClientId = v; return this; }
        /**
         * Closes the control API: every {@code /sim/} call then needs {@code Authorization: Bearer <secret>} (401
         * otherwise, handing out nothing). The Java API ({@link GlobusSimulator#approve} and the rest) is not affected.
         * Null (the default) leaves it open, for tests on loopback.
         */
        public Builder controlSecret(String v) { controlSecret = v; return this; }
        /**
         * The OIDC issuer the discovery document and id_tokens name, e.g. {@code https://auth.globus.org} behind a
         * proxy; its URLs must reach this simulator's {@code /auth/}. Null (default): {@code http://HOST:PORT/auth}.
         */
        public Builder issuer(String v) { issuer = v; return this; }
        public SimulatorConfig build() { return new SimulatorConfig(this); }
    }
}
