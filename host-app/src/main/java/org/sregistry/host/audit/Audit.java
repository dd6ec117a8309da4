package org.sregistry.host.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.observability.SecretMasker;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.api.ImageEvents;
import org.sregistry.registry.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log ({@code audit_events}): who did what, when, from where, with what outcome. Writes
 * never throw into the caller: a write that fails logs one warning and is lost. Pulls (frequent,
 * on the download's path) are written by one background thread from a bounded queue; when the
 * queue is full they are dropped and counted ({@link #dropped()}, shown on {@code /audit}).
 *
 * <p>Details are a small JSON object: keys that look secret (password, secret, token, key) are
 * left out, values clipped, registered secrets masked; every column is clipped to its size.
 */
public final class Audit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
    /** The request attribute {@code /v2/}'s access check sets to the accepted user's name. */
    public static final String ACTOR_ATTRIBUTE = "registry.user";
    /** Pulls waiting for the writer at most; more are dropped (and counted). */
    public static final int QUEUE_CAPACITY = 10_000;
    static final int DETAIL_VALUE_CHARS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, at, actor, actor_id, address, action, target, outcome, details";

    /** How it ended. */
    public enum Outcome {
        OK, DENIED, FAILED;

        /** The stored value. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Jdbi jdbi;
    private final UserStore users;
    private final Clock clock;
    private final AtomicLong dropped = new AtomicLong();
    private final ThreadPoolExecutor writer;

    /** @param users to find the id of a user named by {@code /v2/} (may be null) */
    public Audit(Database database, UserStore users, Clock clock) {
        this.jdbi = database.jdbi();
        this.users = users;
        this.clock = clock;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                r -> {
                    Thread t = new Thread(r, "audit-writer");
                    t.setDaemon(true);
                    return t;
                }, (r, executor) -> dropped.incrementAndGet());
    }

    /** Records what the request on this thread did: the signed-in user (or {@code /v2/}'s) and the client address. */
    public void record(String action, String target, Outcome outcome, Map<String, ?> details) {
        try {
            Actor actor = currentActor();
            write(clock.instant(), actor.name(), actor.id() != null ? actor.id() : idOf(actor.name()), currentAddress(),
                    action, target, outcome, details);
        } catch (RuntimeException e) {
            LOG.warn("Audit event {} not recorded: {}", action, e.toString());
        }
    }

    /**
     * Records with an explicit actor: a failed sign-in (no user, the typed name as the target), a
     * sign-in that just succeeded (no session yet on the request), background work, the CLI.
     *
     * @param user      the account, or null
     * @param actorName the actor when there is no account ({@code cli:root}), or null
     */
    public void record(User user, String actorName, String address, String action, String target, Outcome outcome,
                       Map<String, ?> details) {
        try {
            write(clock.instant(), user != null ? user.username() : actorName, user != null ? user.id() : null,
                    address, action, target, outcome, details);
        } catch (RuntimeException e) {
            LOG.warn("Audit event {} not recorded: {}", action, e.toString());
        }
    }

    /**
     * Like {@link #record(String, String, Outcome, Map)}, but written later by the background writer
     * (who and from where are taken now); dropped and counted when the queue is full.
     */
    public void recordLater(String action, String target, Outcome outcome, Map<String, ?> details) {
        Instant at = clock.instant();
        Actor actor;
        String address;
        try {
            actor = currentActor();
            address = currentAddress();
        } catch (RuntimeException e) {
            LOG.warn("Audit event {} not recorded: {}", action, e.toString());
            return;
        }
        Map<String, ?> copy = details == null ? Map.of() : Map.copyOf(details);
        try {
            writer.execute(() -> {
                try {
                    write(at, actor.name(), actor.id() != null ? actor.id() : idOf(actor.name()), address, action,
                            target, outcome, copy);
                } catch (RuntimeException e) {
                    LOG.warn("Audit event {} not recorded: {}", action, e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            dropped.incrementAndGet(); // closed
        }
    }

    /**
     * A failed script sign-in on the auth filter: HTTP Basic (the typed name as the target) or a
     * bearer token (no target).
     */
    public void scriptSignInFailed(String authorization, String address) {
        String method = "other";
        String name = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            method = "basic";
            name = org.sregistry.host.auth.BasicCredentials.fromHeader(authorization)
                    .map(org.sregistry.host.auth.BasicCredentials::user).orElse(null);
        } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            method = "token";
        }
        record(null, null, address, "auth.sign_in", name, Outcome.FAILED,
                Map.of("method", method, "reason", "wrong_credentials"));
    }

    /** Pulls dropped because the writer's queue was full, since the start. */
    public long dropped() {
        return dropped.get();
    }

    /** Waits until the pulls queued so far are written (tests; the shutdown). */
    public void flush() {
        try {
            writer.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closed or slow: nothing more to wait for
        }
    }

    /** The image APIs' events as audit records ({@code image.push|pull|delete}); pulls through the queue. */
    public ImageEvents imageEvents() {
        return new ImageEvents() {
            @Override
            public void pushed(String uri) {
                record("image.push", uri, Outcome.OK, Map.of());
            }

            @Override
            public void deleted(String uri) {
                record("image.delete", uri, Outcome.OK, Map.of());
            }

            @Override
            public void pulled(String uri) {
                recordLater("image.pull", uri, Outcome.OK, Map.of());
            }
        };
    }

    /** A page of events, newest first. */
    public AuditQuery.Page query(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_events WHERE 1 = 1");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (query.actor() != null) {
            sql.append(" AND actor = :actor");
            binds.put("actor", query.actor());
        }
        if (query.actionPrefix() != null) {
            sql.append(" AND action LIKE :prefix ESCAPE '\\'");
            binds.put("prefix", query.actionPrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.since() != null) {
            sql.append(" AND at >= :since");
            binds.put("since", query.since().toEpochMilli());
        }
        if (query.until() != null) {
            sql.append(" AND at < :until");
            binds.put("until", query.until().toEpochMilli());
        }
        if (query.before() != null) {
            AuditQuery.Cursor cursor = AuditQuery.Cursor.parse(query.before());
            sql.append(" AND (at < :bat OR (at = :bat AND id < :bid))");
            binds.put("bat", cursor.at());
            binds.put("bid", cursor.id());
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT :limit");
        binds.put("limit", query.limit() + 1);
        List<AuditEvent> rows = jdbi.withHandle(h -> {
            var q = h.createQuery(sql.toString());
            binds.forEach(q::bind);
            return q.map((rs, ctx) -> new AuditEvent(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("at")),
                    rs.getString("actor"), rs.getString("actor_id"), rs.getString("address"), rs.getString("action"),
                    rs.getString("target"), rs.getString("outcome"), parse(rs.getString("details")))).list();
        });
        if (rows.size() <= query.limit()) {
            return new AuditQuery.Page(rows, null);
        }
        List<AuditEvent> page = new ArrayList<>(rows.subList(0, query.limit()));
        return new AuditQuery.Page(page, AuditQuery.Cursor.of(page.get(page.size() - 1)));
    }

    /** Deletes the events older than {@code cutoff}; answers how many. */
    public int deleteOlderThan(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM audit_events WHERE at < :cutoff")
                .bind("cutoff", cutoff.toEpochMilli()).execute());
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Audit: {} queued pull events not written at shutdown", writer.getQueue().size());
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Instant at, String actor, String actorId, String address, String action, String target,
                       Outcome outcome, Map<String, ?> details) {
        String json = details(details);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_events (" + COLUMNS + ") VALUES (:id, :at, :actor,"
                        + " :actorId, :address, :action, :target, :outcome, :details)")
                .bind("id", UUID.randomUUID().toString())
                .bind("at", at.toEpochMilli())
                .bind("actor", clip(actor, 64))
                .bind("actorId", clip(actorId, 36))
                .bind("address", clip(address, 64))
                .bind("action", clip(action, 64))
                .bind("target", clip(target, 500))
                .bind("outcome", outcome.key())
                .bind("details", json)
                .execute());
    }

    /** The details as stored: JSON of at most 4000 characters, without secret-looking keys; null when empty. */
    static String details(Map<String, ?> details) {
        if (details == null || details.isEmpty()) {
            return null;
        }
        for (int chars : new int[] {DETAIL_VALUE_CHARS, 40}) {
            Map<String, Object> clean = new LinkedHashMap<>();
            for (Map.Entry<String, ?> e : details.entrySet()) {
                if (e.getKey() == null || secretLooking(e.getKey())) {
                    continue;
                }
                Object v = e.getValue();
                clean.put(clip(e.getKey(), 64), v == null || v instanceof Number || v instanceof Boolean ? v
                        : clip(SecretMasker.mask(v.toString()), chars));
            }
            if (clean.isEmpty()) {
                return null;
            }
            try {
                String json = JSON.writeValueAsString(clean);
                if (json.length() <= 4000) {
                    return json;
                }
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        return "{\"truncated\":true}";
    }

    static boolean secretLooking(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.contains("key");
    }

    static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never half a character
        }
        return s.substring(0, end);
    }

    private static Map<String, Object> parse(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", json);
        }
    }

    private String idOf(String username) {
        if (users == null || username == null) {
            return null;
        }
        try {
            return users.byName(username).map(User::id).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private record Actor(String name, String id) {
    }

    private Actor currentActor() {
        User user = CurrentRequest.signedIn().orElse(null);
        if (user != null) {
            return new Actor(user.username(), user.id());
        }
        Object name = AuditRequests.current().map(r -> r.getAttribute(ACTOR_ATTRIBUTE)).orElse(null);
        return new Actor(name == null ? null : name.toString(), null);
    }

    private static String currentAddress() {
        return AuditRequests.current().map(HttpServletRequest::getRemoteAddr).orElse(null);
    }
}
