package org.sregistry.host;

import java.util.List;
import java.util.Optional;
import org.sregistry.api.ConfigOption;

/** The host's own configuration options, shown under "Registry" on {@code /settings}. */
public final class HostOptions {
    /** JDBC URL of the metadata database. */
    public static final String DATABASE_URL = "REGISTRY_DATABASE_URL";
    /** Database user. */
    public static final String DATABASE_USER = "REGISTRY_DATABASE_USER";
    /** Database password. */
    public static final String DATABASE_PASSWORD = "REGISTRY_DATABASE_PASSWORD";
    /** Largest accepted image in bytes. */
    public static final String MAX_IMAGE_BYTES = "REGISTRY_MAX_IMAGE_BYTES";
    /** Free space the data folders keep: below it /health says DEGRADED and announced uploads that would cross it get 507. */
    public static final String MIN_FREE_BYTES = "REGISTRY_MIN_FREE_BYTES";
    /** The address users open, e.g. https://registry.example.org/ behind a TLS proxy. */
    public static final String PUBLIC_URL = "REGISTRY_PUBLIC_URL";
    /** Addresses or CIDR ranges of reverse proxies whose forwarded headers are believed. */
    public static final String TRUSTED_PROXIES = "REGISTRY_TRUSTED_PROXIES";
    /** Collections that accept files that are not container images ({@code *} for all). */
    public static final String ANY_FILE_COLLECTIONS = "REGISTRY_ANY_FILE_COLLECTIONS";
    /** Default of {@link #MIN_FREE_BYTES}. */
    public static final String DEFAULT_MIN_FREE = "1GiB";
    /** How often the storage clean-up (task {@code host/registry-gc}) runs. */
    public static final String GC_INTERVAL = "REGISTRY_GC_INTERVAL";
    /** How old unused uploads, links and blobs must be before the storage clean-up removes them. */
    public static final String GC_GRACE = "REGISTRY_GC_GRACE";
    /** Default of {@link #GC_INTERVAL}. */
    public static final String DEFAULT_GC_INTERVAL = "1h";
    /** Default of {@link #GC_GRACE}. */
    public static final String DEFAULT_GC_GRACE = "24h";
    /** Days the audit log keeps its events (task {@code host/audit-retention}); 0 = forever. */
    public static final String AUDIT_DAYS = "REGISTRY_AUDIT_DAYS";
    /** Default of {@link #AUDIT_DAYS}. */
    public static final String DEFAULT_AUDIT_DAYS = "365";
    /** The shortest {@link #GC_INTERVAL}. */
    public static final java.time.Duration MIN_GC_INTERVAL = java.time.Duration.ofMinutes(1);

    /**
     * Keys the web page shows but never changes: the database connection is read at start, and a
     * JDBC URL names where all data lives, so it is set in the config file or environment only. The
     * LDAP sign-in options are read at start too.
     */
    public static final java.util.Set<String> NOT_EDITABLE_ON_PAGE = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD, PUBLIC_URL, TRUSTED_PROXIES),
            org.sregistry.host.auth.ldap.LdapOptions.all().stream().map(org.sregistry.api.ConfigOption::key))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Keys checked before the server starts: an invalid value refuses the start, naming the key. */
    public static final List<String> CHECKED_AT_START = List.of(MIN_FREE_BYTES, PUBLIC_URL, TRUSTED_PROXIES,
            GC_INTERVAL, GC_GRACE);

    private HostOptions() {
    }

    /**
     * A PostgreSQL or SQLite JDBC URL. H2 (0.1.0's embedded default) is refused: it lost committed
     * transactions when the process was killed, and its URLs can run code (INIT=); a 0.1.0 data dir
     * is imported into the SQLite default instead.
     */
    static Optional<String> checkDatabaseUrl(String url) {
        String lower = url.trim().toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return Optional.of("H2 is no longer supported (it may lose committed data when the process is killed);"
                    + " leave this empty for the embedded SQLite default (a 0.1.0 H2 data dir is imported) or use"
                    + " jdbc:postgresql://...");
        }
        if (!lower.startsWith("jdbc:postgresql:") && !lower.startsWith("jdbc:sqlite:")) {
            return Optional.of("expected jdbc:postgresql://HOST/DB (or jdbc:sqlite:FILE)");
        }
        return Optional.empty();
    }

    /** A whole number of days, 0 or more. */
    static Optional<String> checkAuditDays(String value) {
        try {
            return Long.parseLong(value.trim()) >= 0 ? Optional.empty()
                    : Optional.of("expected a number of days, 0 or more (0 = keep forever)");
        } catch (NumberFormatException e) {
            return Optional.of("expected a number of days, 0 or more (0 = keep forever)");
        }
    }

    /** {@code *}, or collection names as image names allow them. */
    static Optional<String> checkCollections(String value) {
        for (String part : value.split(",")) {
            String name = part.trim();
            if (!name.isEmpty() && !name.equals("*") && !name.matches("[a-z0-9][a-z0-9._-]*")) {
                return Optional.of("'" + name + "' is not a collection name (lower-case letters, digits, '.', '_', '-'),"
                        + " expected e.g. scratch,docs or *");
            }
        }
        return Optional.empty();
    }

    /** The options. */
    public static List<ConfigOption> all() {
        return List.of(
                ConfigOption.builder(DATABASE_URL, ConfigOption.Type.STRING)
                        .description("JDBC URL of the metadata database; empty = embedded SQLite file <data-dir>/db/registry.db"
                                + " (jdbc:postgresql://... for PostgreSQL). Config file or environment only; read at start.")
                        .validator(HostOptions::checkDatabaseUrl)
                        .build(),
                ConfigOption.builder(DATABASE_USER, ConfigOption.Type.STRING)
                        .description("Database user (PostgreSQL). Config file or environment only; read at start.").build(),
                ConfigOption.builder(DATABASE_PASSWORD, ConfigOption.Type.STRING).secret()
                        .description("Database password (PostgreSQL). Config file or environment only; read at start.").build(),
                ConfigOption.builder(MAX_IMAGE_BYTES, ConfigOption.Type.INTEGER)
                        .defaultValue(Long.toString(64L << 30))
                        .description("Largest image the registry accepts, in bytes (default 64 GiB); larger uploads get 413.")
                        .validator(v -> Long.parseLong(v.trim()) > 0 ? Optional.empty() : Optional.of("expected a positive number"))
                        .build(),
                ConfigOption.builder(MIN_FREE_BYTES, ConfigOption.Type.STRING)
                        .defaultValue(DEFAULT_MIN_FREE)
                        .description("Free space to keep in the data dir and the images folder (bytes, or with KiB, MiB,"
                                + " GiB, TiB; 0 = none). Below it /health says DEGRADED; an upload whose size would take"
                                + " the images folder below it is refused with 507 before it is read.")
                        .validator(org.sregistry.host.config.ByteSize::check)
                        .build(),
                ConfigOption.builder(PUBLIC_URL, ConfigOption.Type.STRING)
                        .description("The address users open, e.g. https://registry.example.org/ behind a TLS reverse"
                                + " proxy: the only host name the registry answers to (besides localhost and IP"
                                + " addresses), the origin browsers send, and https makes the session cookie Secure."
                                + " Config file or environment only; read at start.")
                        .validator(org.sregistry.host.http.PublicUrl::check)
                        .build(),
                ConfigOption.builder(TRUSTED_PROXIES, ConfigOption.Type.STRING)
                        .description("Comma-separated IP addresses or CIDR ranges of reverse proxies (e.g. 127.0.0.1,"
                                + " 10.0.0.0/8): only requests from them may set the client address, scheme and host"
                                + " with X-Forwarded-* or Forwarded headers. Config file or environment only; read at start.")
                        .validator(org.sregistry.host.http.TrustedProxies::check)
                        .build(),
                ConfigOption.builder(GC_INTERVAL, ConfigOption.Type.STRING)
                        .defaultValue(DEFAULT_GC_INTERVAL)
                        .description("How often the storage clean-up (task host/registry-gc) runs: a duration such as"
                                + " 30m, 1h, 1d (at least 1m). Read again after every run (the run already planned keeps its time).")
                        .validator(v -> org.sregistry.host.config.Durations.check(v, MIN_GC_INTERVAL))
                        .build(),
                ConfigOption.builder(GC_GRACE, ConfigOption.Type.STRING)
                        .defaultValue(DEFAULT_GC_GRACE)
                        .description("How old things must be before the storage clean-up removes them: upload sessions"
                                + " not touched for this long, blobs uploaded to a repository that no manifest there"
                                + " uses, and blobs nothing refers to any more (e.g. 24h, 2d; 0s = no grace, which"
                                + " can break pushes in progress). Keep it longer than your slowest push.")
                        .validator(v -> org.sregistry.host.config.Durations.check(v, java.time.Duration.ZERO))
                        .build(),
                ConfigOption.builder(AUDIT_DAYS, ConfigOption.Type.INTEGER)
                        .defaultValue(DEFAULT_AUDIT_DAYS)
                        .description("Days the audit log (/audit) keeps its events; older ones are deleted once a day"
                                + " (task host/audit-retention). 0 = keep them forever.")
                        .validator(HostOptions::checkAuditDays)
                        .build(),
                ConfigOption.builder(ANY_FILE_COLLECTIONS, ConfigOption.Type.STRING)
                        .description("Comma-separated collections that accept any file, not only SIF and legacy"
                                + " squashfs/ext3 images (* for all). Other collections refuse other files with 415.")
                        .validator(HostOptions::checkCollections)
                        .build());
    }
}
