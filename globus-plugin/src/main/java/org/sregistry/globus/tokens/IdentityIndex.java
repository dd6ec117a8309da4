package org.sregistry.globus.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.sregistry.api.PluginStore;

/**
 * Which registry account holds a Globus identity (kind {@value #KIND}, identity id → {@code "<username> <epoch
 * second of the claim>"}), so one identity never serves two accounts. A claim is written before the connection that
 * uses it; the connection records then decide whether a claim is still real: a claim whose holder's connection does
 * not name the identity is stale (a crash between the two writes) and may be taken over — but only once it is older
 * than {@link #CLAIM_GRACE}, since a fresh one may belong to a connection being written this moment by another
 * process.
 */
final class IdentityIndex {
    static final String KIND = "globus-conn-identity";
    /** Longer than writing a connection ever takes; a claim younger than this is never taken over. */
    static final Duration CLAIM_GRACE = Duration.ofMinutes(2);
    private static final int MAX_ATTEMPTS = 50;

    private final PluginStore store;
    private final Clock clock;
    /** Whether a user's stored connection names an identity: (username, identity id) → true. */
    private final BiPredicate<String, String> connectedAs;

    IdentityIndex(PluginStore store, Clock clock, BiPredicate<String, String> connectedAs) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.connectedAs = Objects.requireNonNull(connectedAs);
    }

    /**
     * Claims {@code identityId} for {@code user} (again, if they hold it).
     *
     * @throws IdentityInUseException when another account holds it
     */
    void claim(String identityId, String user, String displayName) {
        String mine = format(user, clock.instant());
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (store.insertIfAbsent(KIND, identityId, mine)) {
                return;
            }
            Optional<String> raw = store.get(KIND, identityId);
            if (raw.isEmpty()) {
                continue; // released meanwhile
            }
            Claim held = parse(raw.get());
            if (held.user().equals(user)) {
                if (store.replace(KIND, identityId, raw.get(), mine)) { // a fresh date: the grace counts from now
                    return;
                }
                continue;
            }
            boolean stale = held.user().isEmpty() || (!connectedAs.test(held.user(), identityId)
                    && !held.at().isAfter(clock.instant().minus(CLAIM_GRACE)));
            if (!stale) {
                throw new IdentityInUseException(displayName);
            }
            if (store.replace(KIND, identityId, raw.get(), mine)) {
                return;
            }
        }
        throw new IllegalStateException("the Globus identity index keeps changing");
    }

    /** Frees {@code identityId} if {@code user} still holds it (compare-and-set: never another user's claim). */
    void release(String identityId, String user) {
        Optional<String> raw = store.get(KIND, identityId);
        if (raw.isPresent() && parse(raw.get()).user().equals(user) && store.replace(KIND, identityId, raw.get(), "")) {
            store.delete(KIND, identityId);
        }
    }

    /** Who holds {@code identityId}, if anyone. */
    Optional<String> holder(String identityId) {
        return store.get(KIND, identityId).map(IdentityIndex::parse).map(Claim::user).filter(u -> !u.isEmpty());
    }

    private record Claim(String user, Instant at) {
    }

    private static String format(String user, Instant at) {
        return user + " " + at.getEpochSecond();
    }

    /** A value; one without a date (written before claims had one) counts as old. */
    private static Claim parse(String raw) {
        int space = raw.lastIndexOf(' ');
        if (space < 0) {
            return new Claim(raw, Instant.EPOCH);
        }
        try {
            return new Claim(raw.substring(0, space), Instant.ofEpochSecond(Long.parseLong(raw.substring(space + 1))));
        } catch (NumberFormatException e) {
            return new Claim(raw, Instant.EPOCH);
        }
    }
}
