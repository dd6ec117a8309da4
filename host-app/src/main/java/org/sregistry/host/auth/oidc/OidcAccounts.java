package org.sregistry.host.auth.oidc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
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
 * Which account an OIDC identity signs in to (docs/design/users.md, section 4 step 5), in this order:
 * <ol>
 * <li>the user bound to {@code (issuer, sub)} in {@code user_identities};</li>
 * <li>else the one user bound to one of the identity's linked subjects ({@code identity_set}); this sub is bound
 *     to that user too;</li>
 * <li>else the user whose {@code oidc_username} (an administrator's hint) equals {@code preferred_username}:
 *     bound, and the hint cleared;</li>
 * <li>else, when {@code createUsers}, a new account named after {@code preferred_username} (lower case, made
 *     valid, {@code -2}, {@code -3} on a clash), without a password;</li>
 * <li>else refused.</li>
 * </ol>
 * E-mail is never used to match: providers let people set it freely. A disabled account is refused. With admin
 * groups configured, the groups decide the role at every sign-in (the last enabled administrator is never demoted);
 * with a groups claim, the groups are the user's {@code source='oidc'} teams, replaced at every sign-in.
 */
public final class OidcAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(OidcAccounts.class);
    private static final int MAX_ATTEMPTS = 3;
    /** More groups than this are ignored (a provider bug, or a claim that is not what was meant). */
    private static final int MAX_GROUPS = 200;

    private final Jdbi jdbi;
    private final UserStore users;
    private final OidcSettings settings;
    private final Clock clock;
    private final TeamStore teams;

    public OidcAccounts(Database database, UserStore users, OidcSettings settings, Clock clock) {
        this.jdbi = database.jdbi();
        this.users = users;
        this.settings = settings;
        this.clock = clock;
        this.teams = new TeamStore(database, clock);
    }

    /**
     * The account {@code who} signs in to, bound, created or updated as needed. Apply {@link OidcAdmission#refusal}
     * first.
     *
     * @throws OidcException when there is no account and none may be made, or the account is disabled
     */
    public User signIn(OidcIdentity who) throws OidcException {
        String userId = null;
        for (int attempt = 1; userId == null; attempt++) {
            try {
                userId = jdbi.inTransaction(h -> resolve(h, who));
            } catch (org.jdbi.v3.core.JdbiException e) {
                // two first sign-ins at once (the same sub, or two new users of one name): the next attempt sees
                // what the other one made
                if (attempt >= MAX_ATTEMPTS || !SqlErrors.isDuplicateKey(e)) {
                    throw e;
                }
            } catch (Refused r) {
                throw r.exception;
            }
        }
        User user = users.byId(userId).orElseThrow();
        if (!settings.adminGroups().isEmpty()) {
            Role wanted = OidcAdmission.admin(who, settings) ? Role.ADMIN : Role.USER;
            if (wanted != user.role()) {
                if (users.setRoleKeepingAnAdmin(user, wanted)) {
                    LOG.info("OIDC groups make {} {} now", user.username(), wanted == Role.ADMIN ? "an administrator"
                            : "a user (no longer an administrator)");
                    user = users.byId(userId).orElseThrow();
                } else {
                    LOG.warn("{} is no longer in an OIDC admin group but stays an administrator: it is the last"
                            + " enabled one", user.username());
                }
            }
        }
        if (settings.groupsClaim() != null) {
            // the groups are the user's oidc teams, named like user names (lower case, made valid)
            List<String> names = new ArrayList<>();
            for (String group : who.groups().size() > MAX_GROUPS ? who.groups().subList(0, MAX_GROUPS) : who.groups()) {
                String name = validName(group, 64);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            teams.replaceExternalTeams(user.id(), "oidc", names);
        }
        return user;
    }

    /** Not an error of the database: carries the refusal out of the transaction (which it rolls back). */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient OidcException exception;

        Refused(String message, String detail) {
            super(message, null, false, false);
            this.exception = new OidcException(message, detail);
        }
    }

    private String resolve(Handle h, OidcIdentity who) {
        long now = clock.millis();
        String issuer = who.issuer();
        Optional<String> bound = UserIdentities.userOf(h, issuer, who.subject());
        if (bound.isPresent()) {
            String id = enabled(h, bound.get(), who);
            UserIdentities.touch(h, issuer, who.subject(), who.preferredUsername(), now);
            return id;
        }
        List<String> linkedUsers = new ArrayList<>();
        for (String linked : who.linkedSubjects()) {
            if (!linked.equals(who.subject())) {
                UserIdentities.userOf(h, issuer, linked).filter(id -> !linkedUsers.contains(id)).ifPresent(linkedUsers::add);
            }
        }
        if (linkedUsers.size() > 1) {
            throw new Refused("the identities linked to " + shown(who) + " belong to different accounts here; ask an"
                    + " administrator", "linked identities bound to users " + linkedUsers);
        }
        if (linkedUsers.size() == 1) {
            String id = enabled(h, linkedUsers.get(0), who);
            bind(h, id, who, now);
            LOG.info("OIDC identity {} ({}) bound to user {} through a linked identity", who.subject(), shown(who),
                    username(h, id));
            return id;
        }
        if (who.preferredUsername() != null) {
            Optional<String> hinted = h.createQuery("SELECT id FROM users WHERE LOWER(oidc_username) = :u")
                    .bind("u", who.preferredUsername().toLowerCase(Locale.ROOT)).mapTo(String.class).findFirst();
            if (hinted.isPresent()) {
                String id = enabled(h, hinted.get(), who);
                bind(h, id, who, now);
                h.createUpdate("UPDATE users SET oidc_username = NULL WHERE id = :id").bind("id", id).execute();
                LOG.info("OIDC identity {} ({}) bound to user {}, whom an administrator made for it", who.subject(),
                        shown(who), username(h, id));
                return id;
            }
        }
        if (!settings.createUsers()) {
            throw new Refused("no account for " + shown(who) + "; ask an administrator",
                    "no account for sub " + who.subject() + " and " + OidcOptions.CREATE_USERS + " is off");
        }
        String id = UUID.randomUUID().toString();
        String username = freeName(h, baseName(who));
        Role role = OidcAdmission.admin(who, settings) ? Role.ADMIN : Role.USER;
        UserStore.insert(h, id, new UserStore.NewUser(username, who.name() == null ? "" : clip(who.name(), 200),
                who.email() == null ? null : clip(who.email(), 320), role, null, null), now);
        bind(h, id, who, now);
        LOG.info("OIDC identity {} ({}): created user {} ({})", who.subject(), shown(who), username, role.key());
        return id;
    }

    /** The id when that account is enabled; refused otherwise. */
    private static String enabled(Handle h, String userId, OidcIdentity who) {
        boolean on = h.createQuery("SELECT enabled FROM users WHERE id = :id").bind("id", userId)
                .mapTo(Integer.class).findOne().orElse(0) == 1;
        if (!on) {
            throw new Refused("the account " + username(h, userId) + " is disabled; ask an administrator",
                    "disabled account for sub " + who.subject());
        }
        return userId;
    }

    private static void bind(Handle h, String userId, OidcIdentity who, long now) {
        UserIdentities.bind(h, who.issuer(), who.subject(), userId, who.preferredUsername(), now);
    }

    private static String username(Handle h, String userId) {
        return h.createQuery("SELECT username FROM users WHERE id = :id").bind("id", userId).mapTo(String.class)
                .findOne().orElse(userId);
    }

    /**
     * A valid user name from {@code preferred_username}: lower case, every character {@link UserNames} does not
     * allow replaced by {@code -}, leading punctuation dropped; {@code user} when nothing is left.
     */
    static String baseName(OidcIdentity who) {
        String name = validName(who.preferredUsername(), 60);
        return name.isEmpty() ? "user" : name;
    }

    /** Lower case, characters outside {@code [a-z0-9._@-]} as {@code -}, no leading punctuation, at most {@code max}. */
    static String validName(String text, int max) {
        String raw = text == null ? "" : text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '@'
                    || c == '-';
            out.append(ok ? c : '-');
        }
        String name = out.toString().replaceFirst("^[._@-]+", "");
        return name.length() > max ? name.substring(0, max) : name;
    }

    /** {@code base}, or {@code base-2}, {@code base-3}, … when taken. */
    private static String freeName(Handle h, String base) {
        for (int n = 1; ; n++) {
            String candidate = n == 1 ? base : base + "-" + n;
            boolean taken = h.createQuery("SELECT COUNT(*) FROM users WHERE username = :u").bind("u", candidate)
                    .mapTo(Integer.class).one() > 0;
            if (!taken && UserNames.problem(candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    private static String shown(OidcIdentity who) {
        return who.preferredUsername() != null ? who.preferredUsername() : who.subject();
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
