package org.sregistry.globus.transfers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * The Globus plugin's meters on the host's {@code /metrics} ({@code PluginContext.metrics()} adds the
 * {@code globus.} prefix and the {@code plugin="globus"} tag):
 * <ul>
 *   <li>{@code globus_transfers_submitted_total{direction="push"|"pull"}}: transfers Globus took, from a request, a
 *       sync rule, or the import task sending an unconfirmed submit again;</li>
 *   <li>{@code globus_images_imported_total}: files of finished pulls (and foreign transfers) that became an image
 *       in the registry, each counted once.</li>
 * </ul>
 * One instance per plugin start (its counters start at zero with it).
 */
public final class GlobusMeters {
    /** Counts nothing (tests, and code that has no plugin context). */
    public static final GlobusMeters NONE = new GlobusMeters(new CompositeMeterRegistry());

    private final Counter pushes;
    private final Counter pulls;
    private final Counter imported;

    public GlobusMeters(MeterRegistry registry) {
        this.pushes = submitted(registry, "push");
        this.pulls = submitted(registry, "pull");
        this.imported = Counter.builder("images.imported")
                .description("Files of finished Globus transfers imported as images").register(registry);
    }

    private static Counter submitted(MeterRegistry registry, String direction) {
        return Counter.builder("transfers.submitted").tag("direction", direction)
                .description("Transfers Globus accepted").register(registry);
    }

    /** Globus accepted a transfer in {@code direction}. */
    public void submitted(Direction direction) {
        (direction == Direction.PUT ? pushes : pulls).increment();
    }

    /** A transferred file became an image. */
    public void imported() {
        imported.increment();
    }
}
