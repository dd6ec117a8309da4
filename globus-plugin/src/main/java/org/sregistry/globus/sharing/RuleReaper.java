package org.sregistry.globus.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.AccessRule;
import org.sregistry.globus.client.AccessRuleClient;
import org.sregistry.globus.client.GlobusApiException;

/**
 * Removes orphaned shares from the registry's guest collection: rules a crash left behind that no intent and no
 * open transfer record will ever remove. One {@link #reap} reads the whole {@code access_list} (service connection)
 * and deletes each rule that
 * <ul>
 *   <li>has a path of exactly the share form {@code /t/<uuid>/} ({@link SharePaths});</li>
 *   <li>was created more than {@link #MIN_AGE} (10 min) ago by its {@code create_time} (none given: kept);</li>
 *   <li>belongs to a sid that {@code sidInUse} says no intent or open record holds.</li>
 * </ul>
 * It never touches role entries, rules outside {@code /t/}, or anything under {@code /t/} not of the share form.
 * A failed listing is thrown (nothing was removed). A failed delete is logged and left for the next run; a refused
 * login or no answer ends the run, with what was removed until then still returned. The caller logs and audits the
 * removed rules ({@code globus.share.remove}, reason orphan).
 */
public final class RuleReaper {

    private static final Logger LOG = LoggerFactory.getLogger(RuleReaper.class);

    /** Rules younger than this are never reaped (a share being made right now). */
    public static final Duration MIN_AGE = Duration.ofMinutes(10);

    private final Supplier<AccessRuleClient> service;
    private final RuleFinder finder;
    private final Predicate<String> sidInUse;
    private final Clock clock;

    /**
     * @param sidInUse true when an intent or an open ledger record holds the sid (its share is not an orphan);
     *                 an exception from it ends the run (better keep a rule than remove one in use)
     */
    public RuleReaper(Supplier<AccessRuleClient> service, RuleFinder finder, Predicate<String> sidInUse, Clock clock) {
        this.service = Objects.requireNonNull(service);
        this.finder = Objects.requireNonNull(finder);
        this.sidInUse = Objects.requireNonNull(sidInUse);
        this.clock = Objects.requireNonNull(clock);
    }

    /** One run over {@code collectionId}; answers the rules it deleted. */
    public List<AccessRule> reap(String collectionId) {
        Instant cutoff = clock.instant().minus(MIN_AGE);
        List<AccessRule> removed = new ArrayList<>();
        for (AccessRule rule : finder.all(collectionId)) {
            Optional<String> sid = orphanSid(rule, cutoff);
            if (sid.isEmpty() || sidInUse.test(sid.get())) {
                continue;
            }
            try {
                if (service.get().delete(collectionId, rule.id())) {
                    removed.add(rule);
                }
            } catch (GlobusApiException e) {
                if (e.loginRequired() || e.networkError()) {
                    LOG.warn("Globus access rule reaper on {} stopped: {}", collectionId, e.getMessage());
                    return removed;
                }
                LOG.warn("Globus access rule {} ({}) on {} not removed: {}; trying again next run", rule.id(),
                        rule.path(), collectionId, e.getMessage());
            }
        }
        return removed;
    }

    /** The sid of a rule that may be an orphan by its shape and age (in-use is checked by the caller). */
    private static Optional<String> orphanSid(AccessRule rule, Instant cutoff) {
        if (rule.isRoleEntry() || rule.createTime() == null || !rule.createTime().toInstant().isBefore(cutoff)) {
            return Optional.empty();
        }
        return SharePaths.sidOf(rule.path());
    }
}
