package org.sregistry.host.auth.ldap;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.sregistry.api.ConfigOption;
import org.sregistry.host.config.Durations;

/**
 * The LDAP sign-in settings, checked as a whole: {@link #from} refuses a set that cannot work or would
 * send passwords in clear, naming the key to fix.
 *
 * @param url            the server URL as configured ({@code ldap://} or {@code ldaps://})
 * @param host           the server's host name or address (what the certificate must name)
 * @param port           the server's port
 * @param ldaps          TLS from the first byte
 * @param startTls       upgrade {@code ldap://} with StartTLS
 * @param insecure       plain {@code ldap://} was explicitly allowed
 * @param caFile         PEM CA certificates to trust; empty = the JVM's trust store
 * @param userDnPattern  bind-as-pattern mode: the DN pattern with {@code {0}}
 * @param bindDn         the service account (search-then-bind, and reads when set)
 * @param bindPassword   its password
 * @param userBase       search-then-bind mode: where users are searched
 * @param userFilter     the user filter with {@code {0}}
 * @param groupBase      where groups are searched; empty = no groups
 * @param teamGroups     group cn's that become teams (whole-cn match); empty = none
 * @param adminGroup     the group cn whose members are admins
 * @param timeout        connect and response timeout
 */
public record LdapSettings(
        String url,
        String host,
        int port,
        boolean ldaps,
        boolean startTls,
        boolean insecure,
        Optional<Path> caFile,
        Optional<String> userDnPattern,
        Optional<String> bindDn,
        Optional<String> bindPassword,
        Optional<String> userBase,
        String userFilter,
        Optional<String> groupBase,
        Optional<Pattern> teamGroups,
        Optional<String> adminGroup,
        Duration timeout) {

    /**
     * The settings {@code lookup} holds ({@code LayeredConfig::find} has this shape).
     *
     * @return empty when {@link LdapOptions#URL} is not set (LDAP sign-in off)
     * @throws IllegalArgumentException when a value is invalid or the values do not fit together;
     *                                  the message names the key
     */
    public static Optional<LdapSettings> from(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> get = key -> lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        Optional<String> url = get.apply(LdapOptions.URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        for (ConfigOption option : LdapOptions.all()) {
            get.apply(option.key()).ifPresent(v -> check(option, v));
        }
        URI uri = URI.create(url.get());
        boolean ldaps = uri.getScheme().toLowerCase(Locale.ROOT).equals("ldaps");
        boolean startTls = flag(get, LdapOptions.STARTTLS);
        boolean insecure = flag(get, LdapOptions.INSECURE);
        if (ldaps && startTls) {
            throw refused(LdapOptions.STARTTLS,
                    LdapOptions.STARTTLS + "=true needs an ldap:// URL; " + LdapOptions.URL
                    + " is ldaps://, which is TLS already");
        }
        if (!ldaps && !startTls && !insecure) {
            throw refused(LdapOptions.URL, LdapOptions.URL + "=" + url.get() + " would send passwords in clear: set "
                    + LdapOptions.STARTTLS + "=true, or use ldaps://, or (tests on loopback only) "
                    + LdapOptions.INSECURE + "=true");
        }
        Optional<String> pattern = get.apply(LdapOptions.USER_DN_PATTERN);
        Optional<String> userBase = get.apply(LdapOptions.USER_BASE);
        Optional<String> bindDn = get.apply(LdapOptions.BIND_DN);
        Optional<String> bindPassword = lookup.apply(LdapOptions.BIND_PASSWORD).filter(v -> !v.isEmpty());
        if (pattern.isEmpty() == userBase.isEmpty()) {
            throw refused(LdapOptions.USER_DN_PATTERN,
                    (pattern.isEmpty() ? "neither " : "both ") + LdapOptions.USER_DN_PATTERN + " and "
                    + LdapOptions.USER_BASE + " are set: set " + LdapOptions.USER_DN_PATTERN
                    + " to bind as a DN, or " + LdapOptions.USER_BASE + " to search the user, then bind");
        }
        if (bindDn.isPresent() != bindPassword.isPresent()) {
            // a DN without password is an unauthenticated bind: it "succeeds" and reads nothing
            throw refused(bindDn.isPresent() ? LdapOptions.BIND_PASSWORD : LdapOptions.BIND_DN,
                    (bindDn.isPresent() ? LdapOptions.BIND_PASSWORD : LdapOptions.BIND_DN)
                    + " is missing: the service account needs both " + LdapOptions.BIND_DN + " and "
                    + LdapOptions.BIND_PASSWORD);
        }
        if (userBase.isPresent() && bindDn.isEmpty()) {
            throw refused(LdapOptions.USER_BASE, LdapOptions.USER_BASE + " needs a service account to search with: set "
                    + LdapOptions.BIND_DN + " and " + LdapOptions.BIND_PASSWORD);
        }
        Optional<Path> caFile = get.apply(LdapOptions.CA_FILE).map(Path::of);
        if (caFile.isPresent() && !(Files.isRegularFile(caFile.get()) && Files.isReadable(caFile.get()))) {
            throw refused(LdapOptions.CA_FILE, LdapOptions.CA_FILE + "=" + caFile.get() + " is not a readable file");
        }
        Optional<String> groupBase = get.apply(LdapOptions.GROUP_BASE);
        Optional<Pattern> teams = get.apply(LdapOptions.TEAM_GROUPS).map(Pattern::compile);
        Optional<String> admin = get.apply(LdapOptions.ADMIN_GROUP);
        if (groupBase.isEmpty() && (teams.isPresent() || admin.isPresent())) {
            throw refused(teams.isPresent() ? LdapOptions.TEAM_GROUPS : LdapOptions.ADMIN_GROUP,
                    (teams.isPresent() ? LdapOptions.TEAM_GROUPS : LdapOptions.ADMIN_GROUP)
                    + " needs " + LdapOptions.GROUP_BASE + " (where the groups are searched)");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : ldaps ? 636 : 389;
        return Optional.of(new LdapSettings(url.get(), host, port, ldaps, startTls, insecure, caFile, pattern,
                bindDn, bindPassword, userBase,
                get.apply(LdapOptions.USER_FILTER).orElse(LdapOptions.DEFAULT_USER_FILTER), groupBase, teams, admin,
                Durations.parse(get.apply(LdapOptions.TIMEOUT).orElse(LdapOptions.DEFAULT_TIMEOUT))));
    }

    /** True in search-then-bind mode, false when binding as {@link #userDnPattern}. */
    public boolean searchThenBind() {
        return userBase.isPresent();
    }

    /** The groups of {@code groups} that become teams, in the given order. */
    public List<String> teamsOf(List<String> groups) {
        return teamGroups.map(p -> groups.stream().filter(g -> p.matcher(g).matches()).toList()).orElse(List.of());
    }

    /** True when {@code groups} holds the admin group (cn's compare case-insensitively, as LDAP does). */
    public boolean isAdmin(List<String> groups) {
        return adminGroup.map(a -> groups.stream().anyMatch(a::equalsIgnoreCase)).orElse(false);
    }

    /** Without the service password. */
    @Override
    public String toString() {
        return "LdapSettings[url=" + url + ", startTls=" + startTls + ", insecure=" + insecure + ", caFile="
                + caFile.orElse(null) + ", userDnPattern=" + userDnPattern.orElse(null) + ", bindDn="
                + bindDn.orElse(null) + ", bindPassword=" + (bindPassword.isPresent() ? "****" : null)
                + ", userBase=" + userBase.orElse(null) + ", userFilter=" + userFilter + ", groupBase="
                + groupBase.orElse(null) + ", teamGroups=" + teamGroups.orElse(null) + ", adminGroup="
                + adminGroup.orElse(null) + ", timeout=" + Durations.format(timeout) + "]";
    }

    private static void check(ConfigOption option, String value) {
        org.sregistry.host.config.OptionTypes.problem(option, value).ifPresent(p -> {
            throw refused(option.key(),
                    option.key() + "=" + (option.secret() ? "****" : "'" + value + "'") + " is not valid: " + p);
        });
    }

    private static boolean flag(Function<String, Optional<String>> get, String key) {
        return get.apply(key).map(org.sregistry.host.config.OptionTypes::parseBoolean).orElse(false);
    }

    private static Refused refused(String key, String message) {
        return new Refused(key, message);
    }

    /** Settings that cannot work; {@link #key()} is the option to change (the message names it too). */
    public static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String key;

        Refused(String key, String message) {
            super(message);
            this.key = key;
        }

        /** The option to change. */
        public String key() {
            return key;
        }
    }
}
