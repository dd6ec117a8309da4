package org.sregistry.host.auth.ldap;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sregistry.api.ConfigOption;
import org.sregistry.host.config.Durations;

/**
 * The LDAP sign-in options ({@code REGISTRY_LDAP_*}) and their checks. Each check looks at one value;
 * {@link LdapSettings#from} checks that the values fit together.
 */
public final class LdapOptions {
    /** {@code ldap://host:port} or {@code ldaps://host:port}; empty = LDAP sign-in off. */
    public static final String URL = "REGISTRY_LDAP_URL";
    /** Upgrade an {@code ldap://} connection with StartTLS. */
    public static final String STARTTLS = "REGISTRY_LDAP_STARTTLS";
    /** PEM file of CA certificates to trust instead of the JVM's. */
    public static final String CA_FILE = "REGISTRY_LDAP_CA_FILE";
    /** Allow plain {@code ldap://} without StartTLS (passwords cross the network in clear). */
    public static final String INSECURE = "REGISTRY_LDAP_INSECURE";
    /** Bind DN of a user, {@code {0}} standing for the user name, e.g. {@code uid={0},ou=people,dc=example,dc=org}. */
    public static final String USER_DN_PATTERN = "REGISTRY_LDAP_USER_DN_PATTERN";
    /** Service account that searches for users (search-then-bind). */
    public static final String BIND_DN = "REGISTRY_LDAP_BIND_DN";
    /** The service account's password. */
    public static final String BIND_PASSWORD = "REGISTRY_LDAP_BIND_PASSWORD";
    /** Where the service account searches for users. */
    public static final String USER_BASE = "REGISTRY_LDAP_USER_BASE";
    /** The user search filter, {@code {0}} standing for the user name. */
    public static final String USER_FILTER = "REGISTRY_LDAP_USER_FILTER";
    /** Where groups ({@code groupOfNames}) are searched; empty = no groups. */
    public static final String GROUP_BASE = "REGISTRY_LDAP_GROUP_BASE";
    /** Regular expression of the group cn's that become teams; empty = none. */
    public static final String TEAM_GROUPS = "REGISTRY_LDAP_TEAM_GROUPS";
    /** The group cn whose members are registry admins. */
    public static final String ADMIN_GROUP = "REGISTRY_LDAP_ADMIN_GROUP";
    /** Connect and response timeout. */
    public static final String TIMEOUT = "REGISTRY_LDAP_TIMEOUT";

    /** Default of {@link #USER_FILTER}. */
    public static final String DEFAULT_USER_FILTER = "(uid={0})";
    /** Default of {@link #TIMEOUT}. */
    public static final String DEFAULT_TIMEOUT = "5s";
    /** The shortest {@link #TIMEOUT}. */
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    /** The longest {@link #TIMEOUT}: a sign-in waits for it, so longer only hangs the login page. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    private LdapOptions() {
    }

    /** The options, for the settings page and the start-time checks. */
    public static List<ConfigOption> all() {
        return List.of(
                ConfigOption.builder(URL, ConfigOption.Type.STRING)
                        .description("LDAP server for sign-in: ldaps://HOST:PORT, or ldap://HOST:PORT with"
                                + " REGISTRY_LDAP_STARTTLS=true; empty = LDAP sign-in off.")
                        .validator(LdapOptions::checkUrl).build(),
                ConfigOption.builder(STARTTLS, ConfigOption.Type.BOOLEAN).defaultValue("false")
                        .description("Upgrade the ldap:// connection with StartTLS before any password is sent.").build(),
                ConfigOption.builder(CA_FILE, ConfigOption.Type.PATH)
                        .description("PEM file of the CA certificates that sign the LDAP server's certificate;"
                                + " empty = the Java runtime's trusted CAs.").build(),
                ConfigOption.builder(INSECURE, ConfigOption.Type.BOOLEAN).defaultValue("false")
                        .description("Allow plain ldap:// without StartTLS: passwords cross the network readable."
                                + " For tests and loopback only.").build(),
                ConfigOption.builder(USER_DN_PATTERN, ConfigOption.Type.STRING)
                        .description("Bind directly as this DN, {0} = the user name (e.g."
                                + " uid={0},ou=people,dc=example,dc=org). Set this or REGISTRY_LDAP_USER_BASE.")
                        .validator(LdapOptions::checkDnPattern).build(),
                ConfigOption.builder(BIND_DN, ConfigOption.Type.STRING)
                        .description("Service account DN that searches for users and groups (search-then-bind).")
                        .validator(LdapOptions::checkDn).build(),
                ConfigOption.builder(BIND_PASSWORD, ConfigOption.Type.STRING).secret()
                        .description("The service account's password.").build(),
                ConfigOption.builder(USER_BASE, ConfigOption.Type.STRING)
                        .description("Search users below this DN with REGISTRY_LDAP_USER_FILTER, then bind as the one"
                                + " entry found (e.g. ou=people,dc=example,dc=org).")
                        .validator(LdapOptions::checkDn).build(),
                ConfigOption.builder(USER_FILTER, ConfigOption.Type.STRING).defaultValue(DEFAULT_USER_FILTER)
                        .description("LDAP filter that finds one user, {0} = the user name (escaped), e.g. (uid={0}).")
                        .validator(LdapOptions::checkFilter).build(),
                ConfigOption.builder(GROUP_BASE, ConfigOption.Type.STRING)
                        .description("Search groupOfNames entries listing the user as member below this DN"
                                + " (e.g. ou=groups,dc=example,dc=org); empty = no groups, teams or admin role.")
                        .validator(LdapOptions::checkDn).build(),
                ConfigOption.builder(TEAM_GROUPS, ConfigOption.Type.STRING)
                        .description("Regular expression: groups whose whole cn matches it become teams (e.g."
                                + " structural-.*|imaging); empty = none.")
                        .validator(LdapOptions::checkRegex).build(),
                ConfigOption.builder(ADMIN_GROUP, ConfigOption.Type.STRING)
                        .description("cn of the group whose members are registry admins (re-read at every sign-in).").build(),
                ConfigOption.builder(TIMEOUT, ConfigOption.Type.STRING).defaultValue(DEFAULT_TIMEOUT)
                        .description("How long to wait for the LDAP server to connect or answer (e.g. 5s; 1s to 2m).")
                        .validator(LdapOptions::checkTimeout).build());
    }

    /** {@code ldap://host[:port]} or {@code ldaps://host[:port]}, nothing else (no base DN, user or query). */
    static Optional<String> checkUrl(String value) {
        String expected = "expected ldap://HOST:PORT or ldaps://HOST:PORT";
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            return Optional.of(expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            return Optional.of("'" + scheme + "' is not ldap or ldaps; " + expected);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.of("no host name; " + expected);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("a base DN or query in the URL is not used; " + expected
                    + " and set REGISTRY_LDAP_USER_BASE or REGISTRY_LDAP_USER_DN_PATTERN");
        }
        return Optional.empty();
    }

    /** A DN with exactly one RDN whose whole value is {@code {0}}. */
    static Optional<String> checkDnPattern(String value) {
        try {
            LdapNames.checkPattern(value.trim());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A syntactically valid DN. */
    static Optional<String> checkDn(String value) {
        return LdapNames.isDn(value.trim()) ? Optional.empty()
                : Optional.of("expected a DN such as ou=people,dc=example,dc=org");
    }

    /** An LDAP filter containing {@code {0}}. */
    static Optional<String> checkFilter(String value) {
        try {
            LdapNames.userFilter(value.trim(), "x");
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A Java regular expression. */
    static Optional<String> checkRegex(String value) {
        try {
            Pattern.compile(value.trim());
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of("not a regular expression (" + e.getDescription() + " near index " + e.getIndex() + ")");
        }
    }

    /** A duration from {@link #MIN_TIMEOUT} to {@link #MAX_TIMEOUT}. */
    static Optional<String> checkTimeout(String value) {
        Optional<String> problem = Durations.check(value, MIN_TIMEOUT);
        if (problem.isEmpty() && Durations.parse(value).compareTo(MAX_TIMEOUT) > 0) {
            return Optional.of("'" + value.trim() + "' is longer than " + Durations.format(MAX_TIMEOUT));
        }
        return problem;
    }
}
