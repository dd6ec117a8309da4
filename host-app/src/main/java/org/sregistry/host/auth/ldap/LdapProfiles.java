package org.sregistry.host.auth.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reads who a bound user is: the entry's {@code cn}, {@code mail} and {@code uid}, and the cn's of the
 * {@code groupOfNames} groups listing the user's DN as member (which works without the memberOf overlay),
 * mapped to teams and the admin role by the settings.
 */
final class LdapProfiles {
    private final LdapSettings settings;

    LdapProfiles(LdapSettings settings) {
        this.settings = settings;
    }

    /** The user's entry, or {@code null} when it cannot be read (the directory's ACL may hide it). */
    Entry readEntry(LDAPInterface reader, DN dn) {
        try {
            return reader.getEntry(dn.toString(), "cn", "mail", "uid");
        } catch (LDAPException e) {
            return null;
        }
    }

    /** The accepted outcome for {@code dn}, with the groups read through {@code reader}. */
    LdapOutcome.Accepted accepted(LDAPInterface reader, DN dn, Entry entry, String typed) throws LdapDirectory.Stop {
        // the directory's spelling of the DN, not the typed one: "ALICE" and "alice" are one identity
        DN stored = dn;
        if (entry != null) {
            try {
                stored = entry.getParsedDN();
            } catch (LDAPException e) {
                // the server's DN did not parse: keep the one that bound
            }
        }
        List<String> groups = groups(reader, stored);
        return new LdapOutcome.Accepted(stored.toString(), first(entry, "uid", typed), first(entry, "cn", ""),
                first(entry, "mail", ""), groups, settings.teamsOf(groups), settings.isAdmin(groups));
    }

    private List<String> groups(LDAPInterface reader, DN dn) throws LdapDirectory.Stop {
        if (settings.groupBase().isEmpty()) {
            return List.of();
        }
        SearchRequest search = new SearchRequest(settings.groupBase().get(), SearchScope.SUB,
                LdapNames.groupFilter(dn), "cn");
        search.setTimeLimitSeconds((int) Math.max(1, settings.timeout().toSeconds()));
        try {
            TreeSet<String> names = new TreeSet<>();
            for (SearchResultEntry group : reader.search(search).getSearchEntries()) {
                names.add(Objects.requireNonNullElse(group.getAttributeValue("cn"), group.getDN()));
            }
            return List.copyOf(names);
        } catch (LDAPSearchException e) {
            // groups decide teams and the admin role: an unknown set must not be taken for "none"
            throw new LdapDirectory.Stop(new LdapOutcome.Unavailable("the group search below "
                    + settings.groupBase().get() + " failed: " + LdapDirectory.describe(e)));
        }
    }

    private static String first(Entry entry, String attribute, String otherwise) {
        String value = entry == null ? null : entry.getAttributeValue(attribute);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
