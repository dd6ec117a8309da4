package org.sregistry.globus.connection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.sregistry.globus.tokens.ConnectionTokens;
import org.sregistry.globus.tokens.UserConnection;
import org.sregistry.globus.tokens.UserTokenStore;

/**
 * Which Globus identity acts: with per-user connections on (the registry's collection is a guest collection it
 * manages), every user acts as their own identity and the service connection only manages access and sees
 * foreign arrivals; off (a personal or mapped collection, one person), everything uses the service connection.
 * Clients are kept per user (at most {@value #MAX_CACHED}) so one user's refreshes are serialised in this process;
 * across processes the stores' compare-and-set keeps them apart.
 * <pre>{@code
 * Connection mine = connections.forUser(access.caller().orElseThrow().username());
 * mine.transfer().submitTransfer(request);
 * }</pre>
 */
public final class Connections {
    static final int MAX_CACHED = 256;

    private final Connection service;
    private final Supplier<UserTokenStore> users;
    private final Function<ConnectionTokens, GlobusClients> clientsFor;
    private final BooleanSupplier perUser;
    private final java.time.Clock clock;
    private final String grantLabel;
    private final Map<String, Connection> cached = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Connection> eldest) {
            return size() > MAX_CACHED;
        }
    };

    Connections(Connection service, Supplier<UserTokenStore> users,
                Function<ConnectionTokens, GlobusClients> clientsFor, BooleanSupplier perUser, java.time.Clock clock,
                String grantLabel) {
        this.service = service;
        this.users = users;
        this.clientsFor = clientsFor;
        this.perUser = perUser;
        this.clock = clock;
        this.grantLabel = grantLabel;
    }

    /** True when users act as their own Globus identities. */
    public boolean perUser() {
        return perUser.getAsBoolean();
    }

    /** The registry's own connection. */
    public Connection service() {
        return service;
    }

    /** {@code username}'s own connection (it may hold no tokens yet). */
    public synchronized Connection user(String username) {
        return cached.computeIfAbsent(username, name -> {
            ConnectionTokens tokens = users.get().of(name);
            return new Connection(name, tokens, clientsFor.apply(tokens), clock, grantLabel);
        });
    }

    /** The connection a transfer was submitted with ({@code null}: the service connection). */
    public Connection of(ConnectionRef ref) {
        return ref == null || ref.user() == null ? service : user(ref.user());
    }

    /** The connection {@code username} submits with now: their own with per-user connections. */
    public Connection forUser(String username) {
        return perUser() && username != null ? user(username) : service;
    }

    /** The stored user connections, newest first (for the admin's list). */
    public List<UserConnection> userConnections() {
        return users.get().list();
    }

    /** The per-user store. */
    public UserTokenStore userStore() {
        return users.get();
    }
}
