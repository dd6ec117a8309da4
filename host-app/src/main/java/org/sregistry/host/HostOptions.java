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

    private HostOptions() {
    }

    /** The options. */
    public static List<ConfigOption> all() {
        return List.of(
                ConfigOption.builder(DATABASE_URL, ConfigOption.Type.STRING)
                        .description("JDBC URL of the metadata database; empty = embedded H2 file in the data dir"
                                + " (jdbc:postgresql://... for PostgreSQL). Read at start: restart after a change.")
                        .validator(v -> v.startsWith("jdbc:") ? Optional.empty() : Optional.of("expected a jdbc: URL"))
                        .build(),
                ConfigOption.builder(DATABASE_USER, ConfigOption.Type.STRING)
                        .description("Database user (PostgreSQL). Read at start.").build(),
                ConfigOption.builder(DATABASE_PASSWORD, ConfigOption.Type.STRING).secret()
                        .description("Database password (PostgreSQL). Read at start.").build(),
                ConfigOption.builder(MAX_IMAGE_BYTES, ConfigOption.Type.INTEGER)
                        .defaultValue(Long.toString(64L << 30))
                        .description("Largest image the registry accepts, in bytes (default 64 GiB); larger uploads get 413.")
                        .validator(v -> Long.parseLong(v.trim()) > 0 ? Optional.empty() : Optional.of("expected a positive number"))
                        .build());
    }
}
