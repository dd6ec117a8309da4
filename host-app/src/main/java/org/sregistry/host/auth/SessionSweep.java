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
 * keeps the tables small), and revokes and deletes the tokens sign-ins received for other services
 * that no plugin took in 30 days ({@link org.sregistry.host.auth.oidc.OidcSignInGrants#sweep}).
 */
public final class SessionSweep implements ScheduledTask {
    /** The task's name (owner {@code host}). */
    public static final String NAME = "session-sweep";
    private static final Logger LOG = LoggerFactory.getLogger(SessionSweep.class);

    private final Sessions sessions;
    private final IntSupplier pendingSweep;
    private final IntSupplier grantSweep;

    /**
     * @param pendingSweep deletes stale pending OpenID Connect sign-ins, answering how many (or () -> 0)
     * @param grantSweep   revokes and deletes old untaken sign-in grants, answering how many (or () -> 0)
     */
    public SessionSweep(Sessions sessions, IntSupplier pendingSweep, IntSupplier grantSweep) {
        this.sessions = sessions;
        this.pendingSweep = pendingSweep;
        this.grantSweep = grantSweep;
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
        int grantsGone = grantSweep.getAsInt();
        if (sessionsGone + pendingGone + grantsGone > 0) {
            LOG.info("Session sweep: deleted {} expired sessions, {} unfinished sign-ins and {} sign-in grants no"
                    + " plugin took", sessionsGone, pendingGone, grantsGone);
        }
    }
}
