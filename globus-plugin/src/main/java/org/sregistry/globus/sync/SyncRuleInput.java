package org.sregistry.globus.sync;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.sregistry.globus.browse.EndpointIds;
import org.sregistry.globus.browse.EndpointPaths;
import org.sregistry.globus.browse.InvalidInputException;

/**
 * What a caller asks a rule to be, from the API or the page's form; null fields keep the rule's value on an update
 * (and are required on a create, except {@code endpointName}, {@code zone} = UTC, {@code day} = monday for a weekly
 * rule and {@code enabled} = true). Every check names the field it refuses.
 *
 * @param endpointId   the destination collection's id (a UUID)
 * @param endpointName its display name, or null
 * @param path         the destination folder: absolute ({@code /…} or {@code /~/…}), normalised, no {@code ..}
 * @param match        {@code collection/*} or {@code collection/name*}
 * @param every        {@code PT1H}, {@code P1D} or {@code P7D}
 * @param at           {@code HH:mm}
 * @param zone         IANA zone
 * @param day          weekday of a weekly rule
 * @param enabled      on or off
 */
public record SyncRuleInput(String endpointId, String endpointName, String path, String match, String every,
                            String at, String zone, String day, Boolean enabled) {

    /** Longest endpoint display name kept. */
    static final int MAX_NAME = 200;

    /** A new rule of {@code owner}'s, first run after {@code now}. */
    SyncRule create(String owner, Instant now) {
        require(endpointId, "endpoint_id");
        require(path, "path");
        require(match, "match");
        require(every, "schedule.every");
        require(at, "schedule.at");
        SyncMatch parsed = SyncMatch.parse(match);
        String endpoint = endpointId(endpointId);
        String folder = path(path);
        SyncSchedule schedule = SyncSchedule.of(every, at, zone == null ? "UTC" : zone, day);
        return new SyncRule(SyncRule.VERSION, "r-" + UUID.randomUUID(), owner, parsed.collection(), parsed.text(),
                endpoint, name(endpointName), folder, schedule, enabled == null || enabled, Map.of(), null,
                schedule.nextAfter(now), now, now);
    }

    /**
     * {@code rule} with the given fields changed. Another destination forgets what was sent (the new folder has
     * none of it); another schedule, or switching it on, plans the next run from {@code now}.
     */
    SyncRule applyTo(SyncRule rule, Instant now) {
        SyncMatch parsed = match == null ? rule.matcher() : SyncMatch.parse(match);
        String endpoint = endpointId == null ? rule.endpointId() : endpointId(endpointId);
        String folder = path == null ? rule.path() : path(path);
        boolean sameEndpoint = endpoint.equals(rule.endpointId());
        String shownName = endpointName != null ? name(endpointName) : sameEndpoint ? rule.endpointName() : null;
        SyncSchedule old = rule.schedule();
        String period = every != null ? every : old.every();
        String weekday = day != null ? day
                : SyncSchedule.WEEKLY.equalsIgnoreCase(period.trim()) ? old.day() : null;
        SyncSchedule schedule = SyncSchedule.of(period, at != null ? at : old.at(), zone != null ? zone : old.zone(),
                weekday);
        boolean on = enabled != null ? enabled : rule.enabled();
        boolean replan = !schedule.equals(old) || (on && !rule.enabled());
        Instant next = replan ? schedule.nextAfter(now) : rule.nextRunAt();
        boolean sameDestination = sameEndpoint && folder.equals(rule.path());
        return rule.withSettings(parsed, endpoint, shownName, folder, schedule, on,
                sameDestination ? rule.sent() : Map.of(), next, now);
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw SyncRuleException.invalid(field, "is required");
        }
    }

    private static String endpointId(String id) {
        try {
            return EndpointIds.check(id.trim());
        } catch (InvalidInputException e) {
            throw SyncRuleException.invalid("endpoint_id", "expected a Globus collection id (a UUID such as "
                    + "3a42f43c-1744-40dc-9b16-753d8e1589fa)");
        }
    }

    private static String path(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("/")) {
            throw SyncRuleException.invalid("path", "expected an absolute folder such as /projects/lab/images/ (or "
                    + "/~/images/ in the home folder)");
        }
        try {
            return Objects.requireNonNull(EndpointPaths.directory(trimmed));
        } catch (InvalidInputException e) {
            throw SyncRuleException.invalid("path", e.getMessage());
        }
    }

    private static String name(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String name = text.trim();
        if (name.length() > MAX_NAME || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw SyncRuleException.invalid("endpoint_name", "at most " + MAX_NAME + " characters, no control "
                    + "characters");
        }
        return name;
    }
}
