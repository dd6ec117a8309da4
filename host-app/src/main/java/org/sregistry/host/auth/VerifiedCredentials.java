package org.sregistry.host.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sregistry.host.users.User;

/**
 * Remembers, for a short while, user/password pairs that passed the PBKDF2 check, so that a script
 * or OCI client sending HTTP Basic on every request pays the deliberately slow derivation once a
 * minute instead of every time.
 *
 * <p>Only an HMAC-SHA256 of the pair is kept, under a random key made when the process starts and
 * never stored: the memory holds nothing that helps to guess a password, and the entries mean
 * nothing to another process. Entries expire after the TTL, there are at most {@code maxEntries}
 * (the oldest give way), and a password change or disable voids the user's (the account's
 * credential generation moves on).
 */
final class VerifiedCredentials {
    private static final String HMAC = "HmacSHA256";

    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final Function<String, Optional<User>> userById;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(long expiresAtMillis, String userId, long generation) {
    }

    /** @param userById the account as it is now (a disabled account, or one whose password changed, no longer matches) */
    VerifiedCredentials(Clock clock, Duration ttl, int maxEntries, Function<String, Optional<User>> userById) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.userById = userById;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    /** The account, when this pair was verified less than the TTL ago and the account's credentials did not change since. */
    Optional<User> find(String user, String password) {
        String id = id(user, password);
        Entry entry = entries.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        Optional<User> now = entry.expiresAtMillis() > clock.millis()
                ? userById.apply(entry.userId()).filter(User::enabled).filter(u -> u.credentialGen() == entry.generation())
                : Optional.empty();
        if (now.isEmpty()) {
            entries.remove(id, entry);
        }
        return now;
    }

    /** Remembers a pair that was just verified for {@code account}. */
    void remember(String user, String password, User account) {
        if (entries.size() >= maxEntries) {
            long now = clock.millis();
            entries.values().removeIf(e -> e.expiresAtMillis() <= now);
            if (entries.size() >= maxEntries) {
                entries.clear(); // bounded memory; the cost is one derivation per live client
            }
        }
        entries.put(id(user, password), new Entry(clock.millis() + ttl.toMillis(), account.id(), account.credentialGen()));
    }

    private String id(String user, String password) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            // the length prefix keeps ("a:b", "c") and ("a", "b:c") apart
            mac.update((user.length() + ":" + user + ":").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " unavailable", e);
        }
    }
}
