package org.sregistry.globus.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sregistry.api.Access;
import org.sregistry.api.AuditLog;

/**
 * The sync rules as a caller may see and change them, for the API and the page. Administrators see and change every
 * rule; a user only their own. Making a rule, or pointing it at another collection, or running it now needs the
 * right to manage that collection ({@link Access#mayManage}): the rule sends the whole collection on its own, later.
 * Each change is audited as {@code globus.sync.create|update|delete|run}.
 */
public final class SyncRules {
    /** Most rules one user may have. */
    public static final int MAX_PER_OWNER = 50;

    private final SyncRuleStore store;
    private final Access access;
    private final AuditLog audit;
    private final Clock clock;
    private final Runnable wake;

    /** @param wake asks the import task to run soon (a rule to run now) */
    public SyncRules(SyncRuleStore store, Access access, AuditLog audit, Clock clock, Runnable wake) {
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.wake = wake;
    }

    /** The rules {@code caller} may see, newest first. */
    public List<SyncRule> visibleTo(Access.Caller caller) {
        return store.list().stream().filter(r -> sees(caller, r)).toList();
    }

    /** One rule {@code caller} may see. */
    public SyncRule get(Access.Caller caller, String id) {
        return store.get(id == null ? "" : id).filter(r -> sees(caller, r))
                .orElseThrow(() -> SyncRuleException.notFound(id));
    }

    /**
     * A new rule of {@code caller}'s. One at a time in this process, so requests at the same moment cannot together
     * pass {@link #MAX_PER_OWNER} (across several registry processes they still could, by a few).
     */
    public synchronized SyncRule create(Access.Caller caller, SyncRuleInput input) {
        SyncRule rule = input.create(caller.username(), clock.instant());
        requireManager(caller, rule.collection());
        long own = store.list().stream().filter(r -> r.owner().equals(caller.username())).count();
        if (own >= MAX_PER_OWNER) {
            throw SyncRuleException.conflict("you have " + own + " sync rules already, the most one user may have; "
                    + "delete one first");
        }
        if (!store.insert(rule)) {
            throw new IllegalStateException("rule id " + rule.id() + " is taken");
        }
        audit.record("sync.create", rule.id(), details(rule));
        return rule;
    }

    /** Changes the fields {@code input} gives. */
    public SyncRule update(Access.Caller caller, String id, SyncRuleInput input) {
        SyncRule current = get(caller, id);
        Instant now = clock.instant();
        requireManager(caller, input.applyTo(current, now).collection()); // checks every field before anything changes
        SyncRule updated = store.update(current.id(), r -> input.applyTo(r, now))
                .orElseThrow(() -> SyncRuleException.notFound(id));
        audit.record("sync.update", updated.id(), details(updated));
        return updated;
    }

    /** Deletes the rule (a transfer it started goes on; nothing is deleted on the destination). */
    public void delete(Access.Caller caller, String id) {
        SyncRule rule = get(caller, id);
        store.delete(rule);
        audit.record("sync.delete", rule.id(), details(rule));
    }

    /** Plans the rule's next run for now and wakes the import task, which runs it within a round. */
    public SyncRule runNow(Access.Caller caller, String id) {
        SyncRule current = get(caller, id);
        if (!current.enabled()) {
            throw SyncRuleException.conflict("the rule is switched off; switch it on to run it");
        }
        requireManager(caller, current.collection());
        Instant now = clock.instant();
        SyncRule planned = store.update(current.id(), r -> r.withNextRunAt(now, now))
                .orElseThrow(() -> SyncRuleException.notFound(id));
        audit.record("sync.run", planned.id(), details(planned));
        wake.run();
        return planned;
    }

    private static boolean sees(Access.Caller caller, SyncRule rule) {
        return caller.admin() || caller.username().equals(rule.owner());
    }

    private void requireManager(Access.Caller caller, String collection) {
        if (!caller.admin() && !access.mayManage(caller, collection)) {
            throw SyncRuleException.forbidden("you may not sync collection " + collection + ": only its owner, its "
                    + "admin members and registry administrators may (or it does not exist)");
        }
    }

    private static Map<String, String> details(SyncRule rule) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("owner", rule.owner());
        details.put("match", rule.match());
        details.put("endpoint", rule.endpointId());
        details.put("path", rule.path());
        details.put("schedule", rule.schedule().describe());
        details.put("enabled", Boolean.toString(rule.enabled()));
        return details;
    }
}
