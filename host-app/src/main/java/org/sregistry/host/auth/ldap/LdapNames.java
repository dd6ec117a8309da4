package org.sregistry.host.auth.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a typed user name into DNs and filters with the SDK's escaping, never by pasting the raw text:
 * a name such as {@code *} or {@code )(uid=*} stays one literal value.
 */
final class LdapNames {
    /** The placeholder for the user name in {@link LdapOptions#USER_DN_PATTERN} and {@link LdapOptions#USER_FILTER}. */
    static final String PLACEHOLDER = "{0}";
    static final int MAX_USERNAME = 64;

    private LdapNames() {
    }

    /** Empty when {@code username} may be looked up, else why not (1–64 characters, no control characters, not padded). */
    static Optional<String> usernameProblem(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.of("empty user name");
        }
        if (username.length() > MAX_USERNAME) {
            return Optional.of("user name longer than " + MAX_USERNAME + " characters");
        }
        if (!username.strip().equals(username)) {
            // LDAP matching ignores surrounding spaces: " alice" would sign in as alice under another name
            return Optional.of("user name starts or ends with white space");
        }
        for (int i = 0; i < username.length(); i++) {
            char c = username.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return Optional.of("user name contains a control character");
            }
        }
        return Optional.empty();
    }

    /** True when {@code text} parses as a DN. */
    static boolean isDn(String text) {
        try {
            new DN(text);
            return true;
        } catch (LDAPException e) {
            return false;
        }
    }

    /**
     * Checks a bind DN pattern: a DN with exactly one RDN whose whole value is {@code {0}}.
     *
     * @throws IllegalArgumentException saying what is expected
     */
    static void checkPattern(String pattern) {
        placeholderIndex(parse(pattern));
    }

    /** The bind DN of {@code username}: the pattern with the {@code {0}} RDN value replaced (escaped by the SDK). */
    static DN userDn(String pattern, String username) {
        DN parsed = parse(pattern);
        int at = placeholderIndex(parsed);
        List<RDN> rdns = new ArrayList<>(List.of(parsed.getRDNs()));
        rdns.set(at, new RDN(rdns.get(at).getAttributeNames()[0], username));
        return new DN(rdns);
    }

    /**
     * The user search filter: {@code template} with every {@code {0}} replaced by the escaped name.
     *
     * @throws IllegalArgumentException when the template has no {@code {0}} or is not a filter
     */
    static Filter userFilter(String template, String username) {
        if (!template.contains(PLACEHOLDER)) {
            return invalid("the filter has no {0} for the user name; expected e.g. (uid={0})");
        }
        try {
            return Filter.create(template.replace(PLACEHOLDER, Filter.encodeValue(username)));
        } catch (LDAPException e) {
            return invalid("not an LDAP filter (" + e.getDiagnosticMessage() + "); expected e.g. (uid={0})");
        }
    }

    /** Groups listing {@code userDn} as member; the DN is a value of the equality filter, escaped when encoded. */
    static Filter groupFilter(DN userDn) {
        return Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "groupOfNames"),
                Filter.createEqualityFilter("member", userDn.toString()));
    }

    private static DN parse(String pattern) {
        try {
            return new DN(pattern);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not a DN (" + e.getExceptionMessage()
                    + "); expected e.g. uid={0},ou=people,dc=example,dc=org");
        }
    }

    private static int placeholderIndex(DN pattern) {
        RDN[] rdns = pattern.getRDNs();
        int found = -1;
        for (int i = 0; i < rdns.length; i++) {
            String[] values = rdns[i].getAttributeValues();
            boolean holds = String.join("", values).contains(PLACEHOLDER);
            if (holds && (values.length != 1 || !values[0].equals(PLACEHOLDER) || found >= 0)) {
                throw new IllegalArgumentException("{0} must be the whole value of one RDN, e.g."
                        + " uid={0},ou=people,dc=example,dc=org");
            }
            if (holds) {
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("the pattern has no {0} for the user name; expected e.g."
                    + " uid={0},ou=people,dc=example,dc=org");
        }
        return found;
    }

    private static <T> T invalid(String message) {
        throw new IllegalArgumentException(message);
    }
}
