package org.sregistry.host.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.db.SqlErrors;

/**
 * The {@code users} table. Names are checked ({@link UserNames}) before they are stored; the
 * database's unique index decides races between two creations of one name.
 */
public final class UserStore {
    private static final String COLUMNS = "id, username, display_name, email, role, enabled, password_hash,"
            + " credential_gen, oidc_username, created_at, last_sign_in_at";

    private final Jdbi jdbi;
    private final Clock clock;

    public UserStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    /** What a new account starts with. */
    public record NewUser(String username, String displayName, String email, Role role, String passwordHash,
                          String oidcUsername) {
    }

    /**
     * Creates an account.
     *
     * @throws IllegalArgumentException when the name is not a valid user name or is taken (the message says which)
     */
    public User create(NewUser user) {
        UserNames.problem(user.username()).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        try {
            jdbi.useHandle(h -> insert(h, id, user, now));
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new IllegalArgumentException("a user named " + user.username() + " exists already");
            }
            throw e;
        }
        return byId(id).orElseThrow();
    }

    /** Inserts in the caller's transaction (the import of 0.x accounts). */
    public static void insert(Handle h, String id, NewUser user, long now) {
        h.createUpdate("INSERT INTO users (id, username, display_name, email, role, enabled, password_hash,"
                        + " credential_gen, oidc_username, created_at) VALUES (:id, :u, :d, :e, :r, 1, :p, 1, :o, :now)")
                .bind("id", id).bind("u", user.username())
                .bind("d", user.displayName() == null ? "" : user.displayName())
                .bind("e", user.email()).bind("r", user.role().key()).bind("p", user.passwordHash())
                .bind("o", user.oidcUsername()).bind("now", now)
                .execute();
    }

    public Optional<User> byName(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE username = :u")
                .bind("u", username).map(UserStore::row).findOne());
    }

    public Optional<User> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id).map(UserStore::row).findOne());
    }

    /** Every account, by name. */
    public List<User> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY username")
                .map(UserStore::row).list());
    }

    /** How many accounts there are. */
    public int count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Integer.class).one());
    }

    /** How many enabled administrators there are (the last one may not be demoted, disabled or deleted). */
    public int enabledAdmins() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE role = 'admin' AND enabled = 1")
                .mapTo(Integer.class).one());
    }

    /**
     * The current credential generation of an enabled account, or -1 when there is no such enabled
     * account: what a cached verification or a token made from its credentials is compared with.
     */
    public long credentialGen(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT credential_gen FROM users WHERE id = :id AND enabled = 1")
                .bind("id", userId).mapTo(Long.class).findOne().orElse(-1L));
    }

    /** A new password hash; sessions and tokens made from the old password are void. */
    public void setPassword(String userId, String passwordHash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET password_hash = :p, credential_gen = credential_gen + 1"
                + " WHERE id = :id").bind("p", passwordHash).bind("id", userId).execute());
    }

    /** The profile fields an administrator (or the user, for the first two) changes. */
    public record Change(String displayName, String email, Role role, Boolean enabled, String oidcUsername) {
    }

    /**
     * Applies the non-null fields of {@code change}. Disabling ends the user's sessions and voids every
     * token made from their credentials, in the same transaction.
     */
    public void update(String userId, Change change) {
        jdbi.useTransaction(h -> {
            if (change.displayName() != null) {
                set(h, userId, "display_name", change.displayName());
            }
            if (change.email() != null) {
                set(h, userId, "email", change.email().isEmpty() ? null : change.email());
            }
            if (change.role() != null) {
                set(h, userId, "role", change.role().key());
            }
            if (change.oidcUsername() != null) {
                set(h, userId, "oidc_username", change.oidcUsername().isEmpty() ? null : change.oidcUsername());
            }
            if (change.enabled() != null) {
                h.createUpdate("UPDATE users SET enabled = :e WHERE id = :id")
                        .bind("e", change.enabled() ? 1 : 0).bind("id", userId).execute();
                if (!change.enabled()) {
                    endCredentials(h, userId);
                }
            }
        });
    }

    /**
     * Sets the role a directory or provider's groups give, unless that would demote the last enabled
     * administrator (the registry must keep one); true when the role is now {@code wanted}.
     */
    public boolean setRoleKeepingAnAdmin(User user, Role wanted) {
        if (user.role() == wanted) {
            return true;
        }
        if (wanted != Role.ADMIN && user.admin() && enabledAdmins() <= 1) {
            return false;
        }
        update(user.id(), new Change(null, null, wanted, null, null));
        return true;
    }

    /** Ends every session of the user and voids what was made from their credentials (the "sign out everywhere"). */
    public void endSessions(String userId) {
        jdbi.useTransaction(h -> endCredentials(h, userId));
    }

    private static void endCredentials(Handle h, String userId) {
        h.createUpdate("UPDATE users SET credential_gen = credential_gen + 1 WHERE id = :id").bind("id", userId).execute();
        h.createUpdate("DELETE FROM sessions WHERE user_id = :id").bind("id", userId).execute();
    }

    /** Deletes the account with its sessions, tokens and identities (the database cascades). */
    public boolean delete(String userId) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM collection_members WHERE principal_type = 'user' AND principal_id = :id")
                    .bind("id", userId).execute();
            return h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", userId).execute() > 0;
        });
    }

    /** Records a sign-in. */
    public void signedIn(String userId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET last_sign_in_at = :now WHERE id = :id")
                .bind("now", clock.millis()).bind("id", userId).execute());
    }

    private static void set(Handle h, String userId, String column, String value) {
        // column names come from this class only, never from input
        h.createUpdate("UPDATE users SET " + column + " = :v WHERE id = :id").bind("v", value).bind("id", userId).execute();
    }

    private static User row(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        long lastSignIn = rs.getLong("last_sign_in_at");
        boolean neverSignedIn = rs.wasNull();
        return new User(rs.getString("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("email"), Role.parse(rs.getString("role")).orElse(Role.USER), rs.getInt("enabled") == 1,
                rs.getString("password_hash"), rs.getLong("credential_gen"), rs.getString("oidc_username"),
                Instant.ofEpochMilli(rs.getLong("created_at")), neverSignedIn ? null : Instant.ofEpochMilli(lastSignIn));
    }
}
