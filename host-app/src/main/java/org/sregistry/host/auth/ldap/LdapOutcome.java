package org.sregistry.host.auth.ldap;

import java.util.List;

/**
 * What {@link LdapDirectory#authenticate} found. Reasons are for the log and the audit trail, never
 * for the person signing in (who sees one generic message per kind) and never hold the password.
 */
public sealed interface LdapOutcome {

    /**
     * The directory accepted the password.
     *
     * @param dn          the user's entry (the stable identity: {@code user_identities('ldap:'+url, dn)})
     * @param username    the entry's {@code uid} when it has one, else the name as typed
     * @param displayName the entry's {@code cn}, or empty when unreadable
     * @param email       the entry's {@code mail}, or empty
     * @param groups      cn's of the {@code groupOfNames} entries listing the user, sorted
     * @param teams       the groups that match {@link LdapOptions#TEAM_GROUPS}
     * @param admin       member of {@link LdapOptions#ADMIN_GROUP}
     */
    record Accepted(String dn, String username, String displayName, String email, List<String> groups,
            List<String> teams, boolean admin) implements LdapOutcome {
        public Accepted {
            groups = List.copyOf(groups);
            teams = List.copyOf(teams);
        }
    }

    /** Wrong password, unknown user, empty password, ambiguous user, ...: "wrong user name or password". */
    record Refused(String reason) implements LdapOutcome {
    }

    /** The directory could not answer (down, TLS failure, service account refused): "directory unreachable". */
    record Unavailable(String reason) implements LdapOutcome {
    }
}
