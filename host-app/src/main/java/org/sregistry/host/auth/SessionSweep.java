package org.sregistry.host.auth;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.sregistry.api.ScheduledTask;
import org.sregistry.api.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's hourly task {@code host/session-sweep}: deletes expired browser sessions and
 * OpenID Connect sign-ins that were started and never finished (both are void already; this only
 * keeps the tables small).
 */
public final class SessionSweep implements ScheduledTask {
    /** The task's name (owner {@code host}). */
    public static final String NAME = "session-sweep";
    private static final Logger LOG = LoggerFactory.getLogger(SessionSweep.class);

    private final Sessions sessions;
    private final IntSupplier pendingSweep;

    /** @param pendingSweep deletes stale pending OpenID Connect sign-ins, answering how many (or () -> 0) */
    public SessionSweep(Sessions sessions, IntSupplier pendingSweep) {
        this.sessions = sessions;
        this.pendingSweep = pendingSweep;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public Duration initialDelay() {
        return Duration.ofMinutes(5);
    }

    @Override
    public void run(TaskContext context) {
        int sessionsGone = sessions.sweep();
        int pendingGone = pendingSweep.getAsInt();
        if (sessionsGone + pendingGone > 0) {
            LOG.info("Session sweep: deleted {} expired sessions and {} unfinished sign-ins", sessionsGone, pendingGone);
        }
    }
}
