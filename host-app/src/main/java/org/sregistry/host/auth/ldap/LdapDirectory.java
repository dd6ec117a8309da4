package org.sregistry.host.auth.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import java.util.Optional;
import java.util.Set;
import org.sregistry.host.observability.LogEscapes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a user name and password against an LDAP directory and reads who the user is.
 *
 * <p>Bind-as-pattern mode binds as {@link LdapSettings#userDnPattern} with the name in it; search-then-bind
 * mode searches {@link LdapSettings#userBase} with the service account (a pooled connection), requires
 * exactly one entry and binds as it. Every user bind is on a fresh connection that is closed afterwards.
 * After the bind the entry ({@code cn}, {@code mail}, {@code uid}) and the {@code groupOfNames} groups
 * listing the user are read with the service account when there is one, else as the user.
 *
 * <p>Failure modes: a wrong password, unknown or ambiguous user, empty password or unusable name is
 * {@link LdapOutcome.Refused}; no connection, a TLS failure, a timeout, a refused service account or a
 * failed group search is {@link LdapOutcome.Unavailable} (groups decide the admin role, so a sign-in with
 * unknown groups is not accepted). Each failure is logged in one line, without the password.
 *
 * <p>Thread-safe; construct once per settings, {@link #close} when the settings change or at shutdown.
 */
public final class LdapDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);
    private static final String[] USER_ATTRIBUTES = {"cn", "mail", "uid"};
    /** Bind results that mean "not this user with this password"; the rest mean the directory could not say. */
    private static final Set<ResultCode> REFUSING_BIND = Set.of(ResultCode.INVALID_CREDENTIALS,
            ResultCode.INAPPROPRIATE_AUTHENTICATION, ResultCode.INVALID_DN_SYNTAX, ResultCode.NO_SUCH_OBJECT,
            ResultCode.UNWILLING_TO_PERFORM, ResultCode.CONSTRAINT_VIOLATION, ResultCode.INSUFFICIENT_ACCESS_RIGHTS);

    private final LdapSettings settings;
    private final LdapConnections connections;
    private final LdapProfiles profiles;

    /**
     * Prepares the TLS setup and the service account's pool; connects to nothing yet.
     *
     * @throws IllegalArgumentException when the CA file cannot be read as PEM certificates
     */
    public LdapDirectory(LdapSettings settings) {
        this.settings = settings;
        this.connections = new LdapConnections(settings);
        this.profiles = new LdapProfiles(settings);
    }

    /** The settings this directory was built from. */
    public LdapSettings settings() {
        return settings;
    }

    /** Checks {@code username}/{@code password}; never throws for what the directory or the user does. */
    public LdapOutcome authenticate(String username, String password) {
        LdapOutcome outcome = attempt(username, password);
        if (outcome instanceof LdapOutcome.Refused r) {
            LOG.info("LDAP sign-in of '{}' refused: {}", LogEscapes.escape(username), LogEscapes.escape(r.reason()));
        } else if (outcome instanceof LdapOutcome.Unavailable u) {
            LOG.warn("LDAP sign-in of '{}' not checked, the directory is unavailable: {}", LogEscapes.escape(username),
                    LogEscapes.escape(u.reason()));
        }
        return outcome;
    }

    /** Closes the service account's pool. */
    @Override
    public void close() {
        connections.close();
    }

    private LdapOutcome attempt(String username, String password) {
        if (password == null || password.isEmpty()) {
            // an LDAP bind with a DN and no password is "unauthenticated" and succeeds
            return new LdapOutcome.Refused("empty password");
        }
        Optional<String> nameProblem = LdapNames.usernameProblem(username);
        if (nameProblem.isPresent()) {
            return new LdapOutcome.Refused(nameProblem.get());
        }
        try {
            Entry found = settings.searchThenBind() ? findUser(username) : null;
            DN dn = found != null ? found.getParsedDN() : LdapNames.userDn(settings.userDnPattern().orElseThrow(), username);
            try (LDAPConnection user = bindAs(dn, password)) {
                LDAPInterface reader = connections.service().map(p -> (LDAPInterface) p).orElse(user);
                Entry entry = found != null ? found : profiles.readEntry(reader, dn);
                return profiles.accepted(reader, dn, entry, username);
            }
        } catch (Stop stop) {
            return stop.outcome;
        } catch (LDAPException e) {
            return new LdapOutcome.Unavailable("the user's DN cannot be parsed: " + describe(e));
        }
    }

    /** The one entry the user filter finds below the user base, searched with the service account. */
    private Entry findUser(String username) throws Stop {
        SearchRequest search = new SearchRequest(settings.userBase().orElseThrow(), SearchScope.SUB,
                LdapNames.userFilter(settings.userFilter(), username), USER_ATTRIBUTES);
        search.setSizeLimit(2);
        search.setTimeLimitSeconds((int) Math.max(1, settings.timeout().toSeconds()));
        SearchResult result;
        try {
            result = connections.service().orElseThrow().search(search);
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                throw new Stop(new LdapOutcome.Refused("more than one entry matches " + search.getFilter()));
            }
            throw new Stop(new LdapOutcome.Unavailable(e.getResultCode() == ResultCode.INVALID_CREDENTIALS
                    ? "the service account " + settings.bindDn().orElseThrow() + " was refused (check "
                            + LdapOptions.BIND_PASSWORD + ")"
                    : "the user search (as the service account) failed: " + describe(e)));
        }
        if (result.getEntryCount() != 1) {
            throw new Stop(new LdapOutcome.Refused(result.getEntryCount() == 0
                    ? "no entry matches " + search.getFilter()
                    : "more than one entry matches " + search.getFilter()));
        }
        return result.getSearchEntries().get(0);
    }

    /** A fresh connection bound as {@code dn}; the caller closes it. */
    private LDAPConnection bindAs(DN dn, String password) throws Stop {
        LDAPConnection connection;
        try {
            connection = connections.fresh();
        } catch (LDAPException e) {
            throw new Stop(new LdapOutcome.Unavailable("cannot connect: " + describe(e)));
        }
        try {
            connection.bind(new SimpleBindRequest(dn, password));
            return connection;
        } catch (LDAPException e) {
            connection.close();
            throw new Stop(REFUSING_BIND.contains(e.getResultCode())
                    ? new LdapOutcome.Refused("bind as " + dn + " refused: " + e.getResultCode().getName())
                    : new LdapOutcome.Unavailable("bind as " + dn + " failed: " + describe(e)));
        }
    }

    /** The result code and the innermost message (the SDK nests "connect error" around the real cause). */
    static String describe(LDAPException e) {
        String detail = e.getDiagnosticMessage();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                detail = message;
            }
        }
        if (detail == null) {
            detail = e.getMessage();
        }
        String code = e.getResultCode().getName();
        return detail == null || detail.isBlank() || detail.equals(code) ? code : code + ": " + detail;
    }

    /** Ends an attempt early with its outcome; a checked exception so no step forgets it. */
    static final class Stop extends Exception {
        final transient LdapOutcome outcome;

        Stop(LdapOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }
}
