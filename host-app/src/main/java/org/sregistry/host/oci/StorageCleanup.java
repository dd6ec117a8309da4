package org.sregistry.host.oci;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.sregistry.api.ScheduledTask;
import org.sregistry.api.TaskContext;
import org.sregistry.host.HostOptions;
import org.sregistry.host.config.Durations;
import org.sregistry.host.config.LayeredConfig;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.images.JdbcRegistryService;
import org.sregistry.registry.oci.GarbageCollector;
import org.sregistry.registry.oci.OciStore;

/**
 * The host's scheduled storage clean-up ({@code host/registry-gc} on {@code /settings}): runs the
 * {@link GarbageCollector} every {@code REGISTRY_GC_INTERVAL} with the grace period
 * {@code REGISTRY_GC_GRACE} (both read again for every run, so a change on the settings page
 * applies to the next one; a value made invalid behind the page's back counts as the default), and
 * keeps the last run's report for the page. A dry run can be made at any time; runs themselves go
 * through the scheduler, which never runs two at once.
 */
public final class StorageCleanup implements ScheduledTask {
    /** The task's name; its owner on {@code /settings} is {@link #OWNER}. */
    public static final String NAME = "registry-gc";
    /** The owner the scheduler lists the task under (the host's own options use the same). */
    public static final String OWNER = org.sregistry.host.web.pages.SettingsResource.HOST_OWNER;
    /** The first run after the start: not while the server is still warming up. */
    public static final Duration FIRST_RUN = Duration.ofMinutes(5);

    private final Database database;
    private final JdbcRegistryService registry;
    private final OciStore oci;
    private final LayeredConfig config;
    private final Clock clock;
    private volatile GarbageCollector.Report last;

    public StorageCleanup(Database database, JdbcRegistryService registry, OciStore oci, LayeredConfig config,
                          Clock clock) {
        this.database = database;
        this.registry = registry;
        this.oci = oci;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Durations.parseOr(config.find(HostOptions.GC_INTERVAL).orElse(null), HostOptions.MIN_GC_INTERVAL,
                Durations.parse(HostOptions.DEFAULT_GC_INTERVAL));
    }

    @Override
    public Duration initialDelay() {
        return FIRST_RUN;
    }

    /** The grace period the next run uses. */
    public Duration grace() {
        return Durations.parseOr(config.find(HostOptions.GC_GRACE).orElse(null), Duration.ZERO,
                Durations.parse(HostOptions.DEFAULT_GC_GRACE));
    }

    @Override
    public void run(TaskContext context) {
        last = collector().run(false);
    }

    /** What a run would remove right now; removes nothing (and is not the "last run"). */
    public GarbageCollector.Report dryRun() {
        return collector().run(true);
    }

    /** The report of the last run since the start, if any. */
    public Optional<GarbageCollector.Report> lastRun() {
        return Optional.ofNullable(last);
    }

    private GarbageCollector collector() {
        return new GarbageCollector(database, registry, oci, clock, grace());
    }
}
