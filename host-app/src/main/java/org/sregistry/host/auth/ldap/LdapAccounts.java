package org.sregistry.host.auth.ldap;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.sregistry.host.observability.LogEscapes;
import org.sregistry.host.users.Role;
import org.sregistry.host.users.TeamStore;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserIdentities;
import org.sregistry.host.users.UserNames;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.db.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a password the directory accepted into the registry account (docs/design/users.md §5).
 *
 * <p>The account is found by its identity {@code user_identities('ldap:' + url, DN)}. Without one, an
 * existing account of the same user name is bound only when it has no local password and no identity
 * other than this same DN (seen through another URL): a local account with a password, or one that signs
 * in through OpenID Connect or as another directory entry, is never taken over by a directory entry of the
 * same name. Otherwise an account is made: the entry's {@code uid} as user name, {@code cn} as display
 * name, {@code mail} as e-mail.
 *
 * <p>At every sign-in: a disabled account is refused; the role follows {@link LdapOptions#ADMIN_GROUP} when
 * it is set (promote and demote, but the last enabled administrator is never demoted); the account's
 * memberships of teams of source {@code ldap} are replaced by the directory's teams (local and OpenID
 * Connect teams are left alone); the identity's {@code last_seen_at} is updated.
 */
public final class LdapAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(LdapAccounts.class);
    private static final int MAX_SUBJECT = 300;
    private static final int MAX_TEAM_NAME = 64;

    private final LdapDirectory directory;
    private final Jdbi jdbi;
    private final UserStore users;
    private final Clock clock;
    private final String provider;
    private final TeamStore teams;

    /** What a sign-in through the directory came to. */
    public sealed interface SignIn {
        /** The password is right and the account may sign in. */
        record Accepted(User user) implements SignIn {
        }

        /** Wrong password, unknown user, disabled account, an account the entry may not take: 401. */
        record Refused(String reason) implements SignIn {
        }

        /** The directory could not answer: "try again later". */
        record Unavailable(String reason) implements SignIn {
        }
    }

    public LdapAccounts(LdapDirectory directory, Database database, UserStore users, Clock clock) {
        this.directory = directory;
        this.jdbi = database.jdbi();
        this.users = users;
        this.clock = clock;
        this.provider = providerOf(directory.settings());
        this.teams = new TeamStore(database, clock);
    }

    /** {@code ldap:} and the URL without a trailing slash: the {@code provider} of this directory's identities. */
    public static String providerOf(LdapSettings settings) {
        String url = settings.url().trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return "ldap:" + url;
    }

    /** Checks the password with the directory and finds, binds or makes the account. */
    public SignIn signIn(String username, String password) {
        LdapOutcome outcome = directory.authenticate(username, password);
        if (outcome instanceof LdapOutcome.Refused r) {
            return new SignIn.Refused(r.reason());
        }
        if (outcome instanceof LdapOutcome.Unavailable u) {
            return new SignIn.Unavailable(u.reason());
        }
        LdapOutcome.Accepted accepted = (LdapOutcome.Accepted) outcome;
        SignIn result = account(accepted);
        if (result instanceof SignIn.Refused r) {
            LOG.warn("LDAP sign-in of {} refused: {}", LogEscapes.escape(accepted.dn()), LogEscapes.escape(r.reason()));
        }
        return result;
    }

    /** The account of an entry the directory accepted, brought up to date. */
    SignIn account(LdapOutcome.Accepted entry) {
        if (entry.dn().length() > MAX_SUBJECT) {
            return new SignIn.Refused("the DN is longer than " + MAX_SUBJECT + " characters");
        }
        Optional<User> found = boundUser(entry.dn());
        if (found.isEmpty()) {
            String username = UserNames.normalize(entry.username());
            Optional<String> problem = UserNames.problem(username);
            if (problem.isPresent()) {
                return new SignIn.Refused("the directory's user name '" + entry.username() + "' cannot be a registry"
                        + " user name (" + problem.get() + ")");
            }
            Optional<User> sameName = users.byName(username);
            if (sameName.isPresent()) {
                Optional<String> why = whyNotBindable(sameName.get(), entry.dn());
                if (why.isPresent()) {
                    return new SignIn.Refused("the registry account '" + username + "' " + why.get()
                            + "; it is not taken over by the directory entry of the same name");
                }
                bind(sameName.get(), entry);
                LOG.info("LDAP entry {} bound to the existing account {}", LogEscapes.escape(entry.dn()), username);
                found = sameName;
            } else {
                Optional<User> made = create(username, entry);
                if (made.isEmpty()) {
                    return new SignIn.Refused("the account '" + username + "' could not be made (the name was taken"
                            + " at the same moment)");
                }
                found = made;
            }
        } else {
            touch(entry);
        }
        User user = found.get();
        if (!user.enabled()) {
            return new SignIn.Refused("the account " + user.username() + " is disabled in the registry");
        }
        user = updateRole(user, entry);
        replaceTeams(user, entry.teams());
        return new SignIn.Accepted(user);
    }

    private Optional<User> boundUser(String dn) {
        return jdbi.withHandle(h -> UserIdentities.userOf(h, provider, dn)).flatMap(users::byId);
    }

    /** Why {@code user} may not be bound to the entry {@code dn}, or empty when it may. */
    private Optional<String> whyNotBindable(User user, String dn) {
        if (user.hasPassword()) {
            return Optional.of("has a local password");
        }
        List<String[]> identities = jdbi.withHandle(h -> h.createQuery(
                        "SELECT provider, subject FROM user_identities WHERE user_id = :u")
                .bind("u", user.id()).map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list());
        for (String[] identity : identities) {
            // the same entry through another URL (ldap:// became ldaps://) is the same person
            if (!(identity[0].startsWith("ldap:") && identity[1].equalsIgnoreCase(dn))) {
                return Optional.of(identity[0].startsWith("ldap:") ? "is bound to another directory entry"
                        : "signs in through " + identity[0]);
            }
        }
        return Optional.empty();
    }

    private Optional<User> create(String username, LdapOutcome.Accepted entry) {
        Role role = directory.settings().adminGroup().isPresent() && entry.admin() ? Role.ADMIN : Role.USER;
        User user;
        try {
            user = users.create(new UserStore.NewUser(username, entry.displayName(),
                    entry.email().isBlank() ? null : entry.email(), role, null, null));
        } catch (IllegalArgumentException e) {
            // a concurrent first sign-in of the same entry made it: use that one when it is bound
            return boundUser(entry.dn());
        }
        try {
            bind(user, entry);
        } catch (UnableToExecuteStatementException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            users.delete(user.id()); // the other sign-in bound the entry first
            return boundUser(entry.dn());
        }
        LOG.info("Account {} ({}) made at its first LDAP sign-in as {}", username, role.key(),
                LogEscapes.escape(entry.dn()));
        return Optional.of(user);
    }

    private void bind(User user, LdapOutcome.Accepted entry) {
        jdbi.useHandle(h -> UserIdentities.bind(h, provider, entry.dn(), user.id(), entry.username(), clock.millis()));
    }

    private void touch(LdapOutcome.Accepted entry) {
        jdbi.useHandle(h -> UserIdentities.touch(h, provider, entry.dn(), entry.username(), clock.millis()));
    }

    /** The role the admin group gives, when one is configured; the last enabled administrator stays one. */
    private User updateRole(User user, LdapOutcome.Accepted entry) {
        if (directory.settings().adminGroup().isEmpty()) {
            return user;
        }
        Role wanted = entry.admin() ? Role.ADMIN : Role.USER;
        if (user.role() == wanted) {
            return user;
        }
        if (!users.setRoleKeepingAnAdmin(user, wanted)) {
            LOG.warn("{} is no longer in the LDAP admin group {} but stays an administrator: it is the last enabled"
                    + " one", user.username(), directory.settings().adminGroup().get());
            return user;
        }
        LOG.info("{} is now {} (LDAP admin group {})", user.username(), wanted.key(),
                directory.settings().adminGroup().get());
        return users.byId(user.id()).orElse(user);
    }

    /** The user's memberships of {@code ldap} teams become exactly {@code teams}; other teams are left alone. */
    private void replaceTeams(User user, List<String> teams) {
        List<String> names = new ArrayList<>();
        for (String cn : teams) {
            String name = cn.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.length() > MAX_TEAM_NAME || name.chars().anyMatch(Character::isISOControl)) {
                LOG.warn("LDAP group '{}' is not made a team: a team name has 1 to {} characters",
                        LogEscapes.escape(cn), MAX_TEAM_NAME);
                continue;
            }
            names.add(name);
        }
        this.teams.replaceExternalTeams(user.id(), "ldap", names);
    }
}
