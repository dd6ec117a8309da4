package org.sregistry.globussim.store;

import org.sregistry.globussim.http.Ids;
import org.sregistry.globussim.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Identities, endpoints and tokens, in memory and mirrored to {@code state.json} after every change so a
 * restarted simulator keeps its accounts, endpoints and still-valid tokens. All access is synchronized.
 */
public final class StateStore {
    private final Path file;
    private final Map<String, Identity> identities = new LinkedHashMap<>();
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, TokenRecord> tokens = new LinkedHashMap<>();

    public StateStore(Path dataDir) {
        this.file = dataDir.resolve("state.json");
        load();
    }

    private void load() {
        if (!Files.exists(file)) return;
        try {
            SimState s = Json.MAPPER.readValue(file.toFile(), SimState.class);
            s.identities.forEach(i -> identities.put(i.id, i));
            s.endpoints.forEach(e -> endpoints.put(e.id, e));
            s.tokens.forEach(t -> tokens.put(t.token, t));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read simulator state " + file, e);
        }
    }

    /** Writes the snapshot; callers invoke it after mutating. */
    public synchronized void save() {
        // Dead tokens are answered exactly like unknown ones, so forgetting them keeps the file small.
        java.time.Instant now = java.time.Instant.now();
        tokens.values().removeIf(t -> !t.isActive(now));
        SimState s = new SimState();
        s.identities = new ArrayList<>(identities.values());
        s.endpoints = new ArrayList<>(endpoints.values());
        s.tokens = new ArrayList<>(tokens.values());
        AtomicFiles.writeJson(file, s);
    }

    // ---- identities

    public synchronized Identity identityByUsername(String username) {
        return identities.values().stream().filter(i -> i.username.equalsIgnoreCase(username)).findFirst().orElse(null);
    }

    public synchronized Identity identity(String id) { return identities.get(id); }

    /** Finds an identity by id or username. */
    public synchronized Identity identityByIdOrUsername(String key) {
        Identity byId = identities.get(key);
        return byId != null ? byId : identityByUsername(key);
    }

    /** The identity with that username, created if new. */
    public synchronized Identity getOrCreateIdentity(String username) {
        Identity existing = identityByUsername(username);
        if (existing != null) return existing;
        Identity created = new Identity(Ids.uuid(), username);
        identities.put(created.id, created);
        save();
        return created;
    }

    /**
     * The identity with this id, created with that username if new (a confidential client's identity has the
     * client's id and the username {@code <client_id>@clients.auth.globus.org}, as in Globus Auth).
     */
    public synchronized Identity getOrCreateIdentity(String id, String username) {
        Identity existing = identities.get(id);
        if (existing != null) return existing;
        Identity created = new Identity(id, username);
        identities.put(created.id, created);
        save();
        return created;
    }

    public synchronized List<Identity> identities() { return new ArrayList<>(identities.values()); }

    // ---- endpoints

    public synchronized Endpoint endpoint(String id) { return endpoints.get(id); }

    public synchronized void putEndpoint(Endpoint e) {
        endpoints.put(e.id, e);
        save();
    }

    public synchronized List<Endpoint> endpoints(Predicate<Endpoint> filter) {
        return endpoints.values().stream().filter(filter).toList();
    }

    // ---- access rules (kept on their endpoint; lists are replaced, never changed in place)

    /** Adds a rule to the endpoint and persists. */
    public synchronized void addAccessRule(Endpoint e, AccessRule rule) {
        List<AccessRule> next = new ArrayList<>(e.accessRules);
        next.add(rule);
        e.accessRules = next;
        save();
    }

    /** Replaces the rule with the same id; false when there is none. */
    public synchronized boolean replaceAccessRule(Endpoint e, AccessRule rule) {
        List<AccessRule> next = new ArrayList<>(e.accessRules);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).id.equals(rule.id)) {
                next.set(i, rule);
                e.accessRules = next;
                save();
                return true;
            }
        }
        return false;
    }

    /** Removes the rule; false when there is none. */
    public synchronized boolean removeAccessRule(Endpoint e, String ruleId) {
        List<AccessRule> next = new ArrayList<>(e.accessRules);
        boolean removed = next.removeIf(r -> r.id.equals(ruleId));
        if (removed) {
            e.accessRules = next;
            save();
        }
        return removed;
    }

    /** Drops the endpoint's expired rules (Globus removes them itself) and persists when any went. */
    public synchronized void purgeExpiredRules(Endpoint e, java.time.Instant now) {
        if (e.accessRules.stream().noneMatch(r -> r.isExpired(now))) return;
        List<AccessRule> next = new ArrayList<>(e.accessRules);
        next.removeIf(r -> r.isExpired(now));
        e.accessRules = next;
        save();
    }

    // ---- tokens

    public synchronized void putTokens(Collection<TokenRecord> records) {
        records.forEach(t -> tokens.put(t.token, t));
        save();
    }

    public synchronized Optional<TokenRecord> token(String token) {
        return Optional.ofNullable(token == null ? null : tokens.get(token));
    }

    /** Marks matching tokens revoked and persists; returns how many changed. */
    public synchronized int revokeWhere(Predicate<TokenRecord> which) {
        int n = 0;
        for (TokenRecord t : tokens.values()) {
            if (!t.revoked && which.test(t)) {
                t.revoked = true;
                n++;
            }
        }
        if (n > 0) save();
        return n;
    }
}
