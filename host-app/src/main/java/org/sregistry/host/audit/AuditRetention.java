package org.sregistry.host.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.sregistry.api.ScheduledTask;
import org.sregistry.api.TaskContext;
import org.sregistry.host.HostOptions;
import org.sregistry.host.config.LayeredConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's daily task {@code host/audit-retention}: deletes audit events older than
 * {@code REGISTRY_AUDIT_DAYS} (read for every run; 0 keeps them forever; a value made invalid
 * behind the settings page's back counts as the default).
 */
public final class AuditRetention implements ScheduledTask {
    /** The task's name (owner {@code host}, like the storage clean-up). */
    public static final String NAME = "audit-retention";
    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

    private final Audit audit;
    private final Supplier<String> days;
    private final Clock clock;

    /** @param days the configured value of {@code REGISTRY_AUDIT_DAYS}, or null when unset */
    public AuditRetention(Audit audit, Supplier<String> days, Clock clock) {
        this.audit = audit;
        this.days = days;
        this.clock = clock;
    }

    /** Reads {@code REGISTRY_AUDIT_DAYS} from the configuration. */
    public static AuditRetention of(Audit audit, LayeredConfig config, Clock clock) {
        return new AuditRetention(audit, () -> config.find(HostOptions.AUDIT_DAYS).orElse(null), clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofDays(1);
    }

    @Override
    public Duration initialDelay() {
        return Duration.ofMinutes(10);
    }

    /** The days kept now (0 = forever). */
    public long days() {
        String value = days.get();
        try {
            long parsed = value == null ? -1 : Long.parseLong(value.trim());
            return parsed >= 0 ? parsed : Long.parseLong(HostOptions.DEFAULT_AUDIT_DAYS);
        } catch (NumberFormatException e) {
            return Long.parseLong(HostOptions.DEFAULT_AUDIT_DAYS);
        }
    }

    @Override
    public void run(TaskContext context) {
        prune();
    }

    /** Deletes what is older than the retention now; answers how many were deleted. */
    public int prune() {
        long keep = days();
        if (keep == 0) {
            return 0;
        }
        int deleted = audit.deleteOlderThan(clock.instant().minus(Duration.ofDays(keep)));
        if (deleted > 0) {
            LOG.info("Audit retention: deleted {} events older than {} days", deleted, keep);
        }
        return deleted;
    }
}
