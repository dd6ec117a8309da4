package org.sregistry.host.users;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.sregistry.host.auth.PasswordAccounts;
import org.sregistry.host.auth.PasswordHasher;

/**
 * What an administrator does to accounts, with the rules that keep the registry manageable: names
 * and passwords are checked, the last enabled administrator cannot be demoted, disabled or
 * deleted, and a user who still owns collections cannot be deleted (their images would have no
 * owner). The users page and {@code /api/users} both go through here.
 */
public final class UserAdmin {
    private final UserStore users;
    private final Jdbi jdbi;
    private final org.sregistry.host.audit.Audit audit;

    /** @param audit records every change ({@code user.create}, {@code user.update}, {@code user.delete}, ...) */
    public UserAdmin(UserStore users, org.sregistry.registry.db.Database database, org.sregistry.host.audit.Audit audit) {
        this.users = users;
        this.jdbi = database.jdbi();
        this.audit = audit;
    }

    /** A new account's fields as an administrator gives them. */
    public record NewAccount(String username, String role, String password, String email,
                             @com.fasterxml.jackson.annotation.JsonAlias("display_name") String displayName,
                             @com.fasterxml.jackson.annotation.JsonAlias("oidc_username") String oidcUsername) {
    }

    /** Changes to an account; null fields stay as they are. */
    public record AccountChange(@com.fasterxml.jackson.annotation.JsonAlias("display_name") String displayName,
                                String email, String role, Boolean enabled, String password,
                                @com.fasterxml.jackson.annotation.JsonAlias("oidc_username") String oidcUsername) {
    }

    /** Creates an account; a 400 (bad field) or 409 (name taken) says what is wrong. */
    public User create(NewAccount account) {
        if (account == null) {
            throw new IllegalArgumentException("expected a JSON object with username and role");
        }
        String username = account.username() == null ? null : account.username().trim();
        UserNames.problem(username).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        Role role = role(account.role() == null ? "user" : account.role());
        String hash = null;
        if (account.password() != null && !account.password().isEmpty()) {
            PasswordAccounts.problem(account.password()).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
            hash = PasswordHasher.hash(account.password());
        }
        if (users.byName(username).isPresent()) {
            throw new WebApplicationException("a user named " + username + " exists already", 409);
        }
        displayNameProblem(account.displayName());
        User created = users.create(new UserStore.NewUser(username, clip(account.displayName(), 200),
                email(account.email()), role, hash, blankToNull(account.oidcUsername())));
        audit.record("user.create", created.username(), org.sregistry.host.audit.Audit.Outcome.OK,
                java.util.Map.of("role", role.key(), "password", hash == null ? "none" : "set"));
        return created;
    }

    /** Applies a change; 404 for an unknown user, 409 when it would leave no enabled administrator. */
    public User update(String username, AccountChange change) {
        if (change == null) {
            throw new IllegalArgumentException("expected a JSON object with the fields to change");
        }
        User user = find(username);
        Role role = change.role() == null ? null : role(change.role());
        boolean losesAdmin = user.admin() && user.enabled()
                && ((role != null && role != Role.ADMIN) || Boolean.FALSE.equals(change.enabled()));
        if (losesAdmin && users.enabledAdmins() <= 1) {
            throw new WebApplicationException(username + " is the last enabled administrator: make another user an"
                    + " administrator first", 409);
        }
        if (change.password() != null) {
            PasswordAccounts.problem(change.password()).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
        displayNameProblem(change.displayName());
        users.update(user.id(), new UserStore.Change(change.displayName() == null ? null : clip(change.displayName(), 200),
                change.email() == null ? null : emailOrEmpty(change.email()), role, change.enabled(),
                change.oidcUsername()));
        if (change.password() != null) {
            users.setPassword(user.id(), PasswordHasher.hash(change.password()));
        }
        java.util.Map<String, String> changed = new java.util.TreeMap<>();
        if (role != null) {
            changed.put("role", role.key());
        }
        if (change.enabled() != null) {
            changed.put("enabled", change.enabled().toString());
        }
        if (change.displayName() != null || change.email() != null || change.oidcUsername() != null) {
            changed.put("profile", "changed");
        }
        if (change.password() != null) {
            changed.put("credential", "new password"); // never the password itself
        }
        String action = Boolean.FALSE.equals(change.enabled()) ? "user.disable"
                : Boolean.TRUE.equals(change.enabled()) ? "user.enable" : "user.update";
        audit.record(action, user.username(), org.sregistry.host.audit.Audit.Outcome.OK, changed);
        return users.byId(user.id()).orElseThrow();
    }

    /** Deletes an account with its sessions and tokens. */
    public void delete(String username) {
        User user = find(username);
        if (user.admin() && user.enabled() && users.enabledAdmins() <= 1) {
            throw new WebApplicationException(username + " is the last enabled administrator", 409);
        }
        List<String> owned = jdbi.withHandle(h -> h.createQuery("SELECT name FROM collections WHERE owner_user_id = :id"
                + " ORDER BY name").bind("id", user.id()).mapTo(String.class).list());
        if (!owned.isEmpty()) {
            throw new WebApplicationException(username + " owns the collection(s) " + String.join(", ", owned)
                    + ": give them another owner first (PUT /api/collections/{name})", 409);
        }
        users.delete(user.id());
        audit.record("user.delete", username, org.sregistry.host.audit.Audit.Outcome.OK, java.util.Map.of());
    }

    /** Ends every session of the user and voids the tokens made from their password (API tokens stay). */
    public void endSessions(String username) {
        users.endSessions(find(username).id());
        audit.record("user.sessions_end", username, org.sregistry.host.audit.Audit.Outcome.OK, java.util.Map.of());
    }

    /** The user, or 404. */
    public User find(String username) {
        return Optional.ofNullable(username).flatMap(users::byName)
                .orElseThrow(() -> new NotFoundException("no user named " + username));
    }

    private static void displayNameProblem(String displayName) {
        if (displayName != null && displayName.trim().length() > 200) {
            throw new IllegalArgumentException("a display name has at most 200 characters");
        }
    }

    private static Role role(String text) {
        return Role.parse(text).orElseThrow(() -> new IllegalArgumentException("role must be admin or user, not '"
                + clip(text, 40) + "'"));
    }

    private static String email(String email) {
        String value = blankToNull(email);
        if (value != null && (value.length() > 320 || !value.matches("[^@\\s]+@[^@\\s]+"))) {
            throw new IllegalArgumentException("'" + clip(value, 60) + "' is not an e-mail address");
        }
        return value;
    }

    private static String emailOrEmpty(String email) {
        String value = email(email);
        return value == null ? "" : value;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        // control characters and bidi overrides could make a name display as another one
        String trimmed = text.replaceAll("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F]", "").trim();
        return trimmed.length() <= max ? trimmed : trimmed.substring(0, max);
    }
}
