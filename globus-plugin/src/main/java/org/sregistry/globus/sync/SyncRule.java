package org.sregistry.globus.sync;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scheduled sync rule: keep a folder on a Globus collection in step with images of one registry collection, sent by
 * the import task on a schedule as the rule's owner. Stored as JSON in the PluginStore (kind {@code globus-sync}, key
 * = id):
 * <pre>{"version":1,"id":"r-7c1e…","owner":"alice","collection":"lab","match":"lab/*",
 *  "endpoint_id":"…","endpoint_name":"Cluster X","path":"/projects/lab/images/",
 *  "schedule":{"every":"P1D","at":"02:00","zone":"Europe/Berlin"},"enabled":true,
 *  "sent":{"lab/tool:1":"sha256:ab12…"},"last_run":{…},"next_run_at":"2026-12-03T01:00:00Z",
 *  "created_at":"…","updated_at":"…"}</pre>
 *
 * @param version      {@link #VERSION}
 * @param id           {@code r-<uuid>}
 * @param owner        the registry user it runs as (their pull rights, their Globus connection)
 * @param collection   the collection of {@code match}
 * @param match        {@code collection/*} or {@code collection/name*}
 * @param endpointId   the destination collection
 * @param endpointName its display name (from the owner, else learned from the first transfer), or null
 * @param path         the destination folder, absolute, normalised, ending in {@code /}
 * @param schedule     when it runs
 * @param enabled      false: it does not run
 * @param sent         what has been sent: {@code collection/name:tag} → digest ({@code sha256:…})
 * @param lastRun      the last run, or null
 * @param nextRunAt    when it runs next
 * @param createdAt    made
 * @param updatedAt    last changed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncRule(@JsonProperty("version") int version, @JsonProperty("id") String id,
                       @JsonProperty("owner") String owner, @JsonProperty("collection") String collection,
                       @JsonProperty("match") String match, @JsonProperty("endpoint_id") String endpointId,
                       @JsonProperty("endpoint_name") String endpointName, @JsonProperty("path") String path,
                       @JsonProperty("schedule") SyncSchedule schedule, @JsonProperty("enabled") boolean enabled,
                       @JsonProperty("sent") Map<String, String> sent, @JsonProperty("last_run") SyncRun lastRun,
                       @JsonProperty("next_run_at") Instant nextRunAt, @JsonProperty("created_at") Instant createdAt,
                       @JsonProperty("updated_at") Instant updatedAt) {

    public static final int VERSION = 1;

    public SyncRule {
        sent = sent == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(sent));
    }

    /** What it matches. */
    @JsonIgnore
    public SyncMatch matcher() {
        return SyncMatch.parse(match);
    }

    /** True when it should run at {@code now}. */
    public boolean dueAt(Instant now) {
        return enabled && nextRunAt != null && !nextRunAt.isAfter(now);
    }

    /** With where and what it sends, and when, changed ({@code sent} as given). */
    SyncRule withSettings(SyncMatch newMatch, String newEndpointId, String newEndpointName, String newPath,
                          SyncSchedule newSchedule, boolean isEnabled, Map<String, String> newSent, Instant next,
                          Instant now) {
        return new SyncRule(version, id, owner, newMatch.collection(), newMatch.text(), newEndpointId,
                newEndpointName, newPath, newSchedule, isEnabled, newSent, lastRun, next, createdAt, now);
    }

    /** With the run's new state and the next run's time. */
    SyncRule withRun(SyncRun run, Instant next, Instant now) {
        return new SyncRule(version, id, owner, collection, match, endpointId, endpointName, path, schedule, enabled,
                sent, run, next, createdAt, now);
    }

    /** With the last run replaced (the next run's time stays). */
    SyncRule withLastRun(SyncRun run, Instant now) {
        return withRun(run, nextRunAt, now);
    }

    /** With {@code sent} replaced. */
    SyncRule withSent(Map<String, String> newSent, Instant now) {
        return new SyncRule(version, id, owner, collection, match, endpointId, endpointName, path, schedule, enabled,
                newSent, lastRun, nextRunAt, createdAt, now);
    }

    /** With the destination's display name, once learned. */
    SyncRule withEndpointName(String name) {
        return new SyncRule(version, id, owner, collection, match, endpointId, name, path, schedule, enabled, sent,
                lastRun, nextRunAt, createdAt, updatedAt);
    }

    /** With the next run at {@code at} ("run now"). */
    SyncRule withNextRunAt(Instant at, Instant now) {
        return withRun(lastRun, at, now);
    }

    /** "Cluster X /projects/lab/images/" (the id when the name is not known). */
    @JsonIgnore
    public String destination() {
        return (endpointName == null || endpointName.isBlank() ? endpointId : endpointName) + " " + path;
    }
}
