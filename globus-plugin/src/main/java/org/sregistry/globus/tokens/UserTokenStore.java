package org.sregistry.globus.tokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.PluginStore;
import org.sregistry.api.SecretUnreadableException;
import org.sregistry.api.Secrets;
import org.sregistry.globus.client.GlobusJson;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TokenSet;
import org.sregistry.globus.client.UserInfo;

/**
 * Every user's own Globus connection, in the plugin store (kind {@code globus-conn}, see {@link UserConnection}),
 * tokens sealed with the host's {@link Secrets}. Writes are compare-and-set on the stored value, so two processes
 * refreshing the same user's token never lose a rotated refresh token. An identity index ({@link IdentityIndex})
 * keeps one Globus identity to one registry account.
 * Token text is never logged. Thread-safe.
 */
public final class UserTokenStore {
    private static final Logger LOG = LoggerFactory.getLogger(UserTokenStore.class);
    /** Record kind of the connections. */
    public static final String KIND = "globus-conn";
    /** Record kind of the identity index. */
    public static final String IDENTITY_KIND = IdentityIndex.KIND;
    private static final int MAX_ATTEMPTS = 50;
    private static final int PAGE = 500;

    private final PluginStore store;
    private final Secrets secrets;
    private final Clock clock;
    private final ObjectMapper mapper = GlobusJson.mapper();
    private final IdentityIndex identities;

    /** A stored value and the tokens it opened to. */
    private record Opened(String raw, StoredTokens tokens) {
        @Override
        public String toString() {
            return "Opened[***]";
        }
    }

    /** What is sealed: the tokens only. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SealedPart(Map<String, ResourceToken> tokens, Map<String, ResourceToken> consentTokens) {
        @Override
        public String toString() {
            return "SealedPart[***]";
        }
    }

    /** Connections in {@code store}, sealed with {@code secrets}. */
    public UserTokenStore(PluginStore store, Secrets secrets, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.secrets = Objects.requireNonNull(secrets);
        this.clock = Objects.requireNonNull(clock);
        this.identities = new IdentityIndex(store, clock, (user, identityId) -> connection(user)
                .map(c -> identityId.equals(c.identityId())).orElse(false));
    }

    /** The tokens of {@code username}'s connection (nothing stored until they connect). */
    public ConnectionTokens of(String username) {
        return new UserTokens(requireName(username));
    }

    /** The stored connection of {@code username}, without its tokens. */
    public Optional<UserConnection> connection(String username) {
        return store.get(KIND, requireName(username)).map(this::parse);
    }

    /** Every stored connection, newest first. */
    public List<UserConnection> list() {
        List<UserConnection> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<PluginStore.StoredRecord> page = store.list(KIND, PAGE, offset);
            page.forEach(r -> all.add(parse(r.value())));
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    /**
     * Marks {@code username}'s connection as needing an update with {@code problem} (Globus refused the stored login),
     * unless it changed meanwhile (a new login wins). False when there is no connection.
     */
    public boolean markNeedsUpdate(String username, String problem) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<String> raw = store.get(KIND, username);
            if (raw.isEmpty()) {
                return false;
            }
            UserConnection current = parse(raw.get());
            if (current.needsUpdate() && Objects.equals(current.problem(), problem)) {
                return true;
            }
            String next = write(current.withState(UserConnection.NEEDS_UPDATE, problem, clock.instant()));
            if (store.replace(KIND, username, raw.get(), next)) {
                LOG.info("Globus connection of {} needs an update: {}", username, problem);
                return true;
            }
        }
        throw new IllegalStateException("the Globus connection of " + username + " keeps changing");
    }

    private final class UserTokens implements ConnectionTokens {
        private final String user;
        /** The last value read and what it opened to: every Globus call reads the tokens, few change them. */
        private volatile Opened last = new Opened(null, StoredTokens.empty());

        UserTokens(String user) {
            this.user = user;
        }

        @Override
        public StoredTokens read() {
            Optional<String> raw = store.get(KIND, user);
            if (raw.isEmpty()) {
                return StoredTokens.empty();
            }
            Opened seen = last;
            if (raw.get().equals(seen.raw())) {
                return seen.tokens(); // unchanged in the database: no second decryption
            }
            StoredTokens tokens = open(parse(raw.get()));
            last = new Opened(raw.get(), tokens);
            return tokens;
        }

        @Override
        public Optional<StoredTokens> updateIf(Predicate<StoredTokens> condition, UnaryOperator<StoredTokens> change) {
            return updateIf(condition, change, null);
        }

        /** {@code origin}: the new login's; null keeps the stored one (a refresh, a consent). */
        private Optional<StoredTokens> updateIf(Predicate<StoredTokens> condition, UnaryOperator<StoredTokens> change,
                                                String origin) {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Optional<String> raw = store.get(KIND, user);
                UserConnection before = raw.map(UserTokenStore.this::parse).orElse(null);
                StoredTokens current = before == null ? StoredTokens.empty() : open(before);
                if (!condition.test(current)) {
                    return Optional.empty();
                }
                Instant now = clock.instant();
                StoredTokens next = change.apply(current).stamped(now);
                String value = write(connectionOf(before, next, origin, now));
                boolean written = raw.isPresent() ? store.replace(KIND, user, raw.get(), value)
                        : store.insertIfAbsent(KIND, user, value);
                if (written) {
                    return Optional.of(next);
                }
            }
            throw new IllegalStateException("the Globus connection of " + user + " keeps changing");
        }

        @Override
        public String origin() {
            return connection(user).map(UserConnection::origin).orElse(UserConnection.ORIGIN_CONNECT);
        }

        /** Claims the identity for this user first, so one identity never serves two accounts. */
        @Override
        public StoredTokens saveLogin(TokenSet login, UserInfo identity, ServiceRoots roots) {
            return saveLogin(login, identity, roots, UserConnection.ORIGIN_CONNECT);
        }

        @Override
        public StoredTokens saveSignIn(TokenSet login, UserInfo identity, ServiceRoots roots) {
            return saveLogin(login, identity, roots, UserConnection.ORIGIN_SIGN_IN);
        }

        private StoredTokens saveLogin(TokenSet login, UserInfo identity, ServiceRoots roots, String origin) {
            String previous = connection(user).map(UserConnection::identityId).orElse(null);
            if (identity != null && identity.sub() != null) {
                identities.claim(identity.sub(), user, identity.displayName());
            }
            StoredTokens saved = updateIf(current -> true, s -> s.withLogin(login, identity, roots), origin)
                    .orElseThrow();
            if (previous != null && identity != null && !previous.equals(identity.sub())) {
                identities.release(previous, user);
            }
            return saved;
        }

        @Override
        public boolean delete() {
            Optional<UserConnection> had = connection(user);
            boolean deleted = store.delete(KIND, user);
            had.map(UserConnection::identityId).ifPresent(id -> identities.release(id, user));
            return deleted;
        }

        private UserConnection connectionOf(UserConnection before, StoredTokens next, String newOrigin, Instant now) {
            String origin = newOrigin != null ? newOrigin
                    : before == null || before.origin() == null ? UserConnection.ORIGIN_CONNECT : before.origin();
            Instant created = before == null || before.createdAt() == null ? now : before.createdAt();
            boolean hasLogin = !next.hasNoTokens();
            String state = hasLogin ? UserConnection.CONNECTED
                    : before == null ? UserConnection.CONNECTED : before.state();
            String problem = hasLogin ? null : before == null ? null : before.problem();
            return new UserConnection(UserConnection.VERSION, user, origin, next.identity(), next.authRoot(),
                    next.transferRoot(), seal(user, next), state, problem, created, now);
        }
    }

    private StoredTokens open(UserConnection connection) {
        if (connection.sealed() == null) {
            return new StoredTokens(StoredTokens.VERSION, connection.identity(), connection.authRoot(),
                    connection.transferRoot(), Map.of(), Map.of(), connection.updatedAt());
        }
        try {
            Secrets.Opened opened = secrets.open(purpose(connection.user()), connection.sealed());
            SealedPart part = mapper.readValue(opened.plaintext(), SealedPart.class);
            return new StoredTokens(StoredTokens.VERSION, connection.identity(), connection.authRoot(),
                    connection.transferRoot(), part.tokens(), part.consentTokens(), connection.updatedAt());
        } catch (SecretUnreadableException | JsonProcessingException e) {
            // a retired key, a lost keyring or a tampered value: as good as no login (never the text in the log)
            LOG.warn("The stored Globus login of {} cannot be opened ({}); they must connect again",
                    connection.user(), e.getClass().getSimpleName());
            return new StoredTokens(StoredTokens.VERSION, connection.identity(), connection.authRoot(),
                    connection.transferRoot(), Map.of(), Map.of(), connection.updatedAt());
        }
    }

    private String seal(String user, StoredTokens tokens) {
        try {
            return secrets.seal(purpose(user), mapper.writeValueAsString(
                    new SealedPart(tokens.tokens(), tokens.consentTokens())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bound to the user: a sealed value copied into another user's record does not open. */
    private static String purpose(String user) {
        return KIND + "/" + user;
    }

    private UserConnection parse(String raw) {
        try {
            return mapper.readValue(raw, UserConnection.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored Globus connection is unreadable (" + e.getOriginalMessage()
                    + ")", e);
        }
    }

    private String write(UserConnection connection) {
        try {
            return mapper.writeValueAsString(connection);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String requireName(String username) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a registry username is needed");
        }
        return username;
    }
}
