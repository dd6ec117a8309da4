package org.sregistry.host.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** {@link LdapDirectory} against a real slapd (see {@link Slapd}), in both modes and over every transport. */
class LdapDirectoryIT {
    @RegisterExtension
    static final Slapd SLAPD = new Slapd();

    private static final String ALICE_DN = "uid=alice,ou=people,dc=example,dc=org";
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(LdapDirectory.class)).addAppender(logs);
    }

    @AfterEach
    void checkLogs() {
        ((Logger) LoggerFactory.getLogger(LdapDirectory.class)).detachAppender(logs);
        // slapd served every test: none of them passed because of a dead server
        assertThat(SLAPD.running()).isTrue();
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(Slapd.ALICE_PASSWORD, Slapd.BOB_PASSWORD,
                    Slapd.SERVICE_PASSWORD, "wrong-pass", "not-the-service-pass").doesNotContain("\n", "\r");
        }
    }

    @Test
    void patternModeAcceptsAndReadsTheUser() {
        try (LdapDirectory ldap = directory(plain(pattern()))) {
            LdapOutcome.Accepted alice = accepted(ldap.authenticate("alice", Slapd.ALICE_PASSWORD));
            assertThat(alice).isEqualTo(new LdapOutcome.Accepted(ALICE_DN, "alice", "Alice Adams", "alice@example.org",
                    List.of("registry-admins", "structural-biology"), List.of("structural-biology"), true));
            LdapOutcome.Accepted bob = accepted(ldap.authenticate("bob", Slapd.BOB_PASSWORD));
            assertThat(bob.displayName()).isEqualTo("Bob Brown");
            assertThat(bob.groups()).containsExactly("structural-biology");
            assertThat(bob.teams()).containsExactly("structural-biology");
            assertThat(bob.admin()).isFalse();
        }
        assertThat(logs.list).isEmpty();
    }

    @Test
    void theDirectorysSpellingIsTheIdentity() {
        for (Map<String, String> mode : List.of(pattern(), search())) {
            try (LdapDirectory ldap = directory(plain(mode))) {
                LdapOutcome.Accepted alice = accepted(ldap.authenticate("ALICE", Slapd.ALICE_PASSWORD));
                assertThat(alice.dn()).isEqualTo(ALICE_DN);
                assertThat(alice.username()).isEqualTo("alice");
                assertThat(alice.admin()).isTrue();
            }
        }
    }

    @Test
    void searchThenBindAcceptsAndReadsTheUser() {
        try (LdapDirectory ldap = directory(plain(search()))) {
            LdapOutcome.Accepted alice = accepted(ldap.authenticate("alice", Slapd.ALICE_PASSWORD));
            assertThat(alice).isEqualTo(new LdapOutcome.Accepted(ALICE_DN, "alice", "Alice Adams", "alice@example.org",
                    List.of("registry-admins", "structural-biology"), List.of("structural-biology"), true));
            LdapOutcome.Accepted bob = accepted(ldap.authenticate("bob", Slapd.BOB_PASSWORD));
            assertThat(bob.email()).isEqualTo("bob@example.org");
            assertThat(bob.admin()).isFalse();
            // the pooled service connection is reused
            assertThat(accepted(ldap.authenticate("alice", Slapd.ALICE_PASSWORD)).admin()).isTrue();
        }
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefusedInBothModes() {
        Map<String, String> search = search();
        for (Map<String, String> mode : List.of(pattern(), search)) {
            try (LdapDirectory ldap = directory(plain(mode))) {
                assertThat(ldap.authenticate("alice", "wrong-pass")).isEqualTo(new LdapOutcome.Refused(
                        "bind as " + ALICE_DN + " refused: invalid credentials"));
                assertThat(ldap.authenticate("alice", Slapd.BOB_PASSWORD)).isInstanceOf(LdapOutcome.Refused.class);
                assertThat(ldap.authenticate("carol", "wrong-pass")).isEqualTo(new LdapOutcome.Refused(
                        mode == search ? "no entry matches (uid=carol)"
                                : "bind as uid=carol,ou=people,dc=example,dc=org refused: invalid credentials"));
            }
        }
        assertThat(logs.list).hasSize(6); // one line per failure
    }

    @Test
    void emptyPasswordIsRefusedBeforeAnyBind() throws Exception {
        // pointed at a port nothing listens on: "Refused", not "Unavailable", shows no connection was tried
        Map<String, String> down = plain(pattern());
        down.put(LdapOptions.URL, "ldap://127.0.0.1:" + Slapd.freePort());
        try (LdapDirectory ldap = directory(down)) {
            assertThat(ldap.authenticate("alice", "")).isEqualTo(new LdapOutcome.Refused("empty password"));
            assertThat(ldap.authenticate("alice", null)).isEqualTo(new LdapOutcome.Refused("empty password"));
        }
        try (LdapDirectory ldap = directory(plain(search()))) {
            assertThat(ldap.authenticate("alice", "")).isInstanceOf(LdapOutcome.Refused.class);
        }
    }

    @Test
    void namesWithFilterAndDnSyntaxAreLiteralsNeverAccepted() {
        List<String> tricky = List.of("*", "a*", ")(uid=*", "alice)(uid=*", "*)(objectClass=*", "alice,ou=people",
                "uid=alice,ou=people,dc=example,dc=org", "alice\\", "alice\u0000", "alice\nbob", " alice", "");
        for (Map<String, String> mode : List.of(pattern(), search())) {
            try (LdapDirectory ldap = directory(plain(mode))) {
                for (String name : tricky) {
                    for (String password : List.of(Slapd.ALICE_PASSWORD, Slapd.BOB_PASSWORD)) {
                        assertThat(ldap.authenticate(name, password)).as(name).isInstanceOf(LdapOutcome.Refused.class);
                    }
                }
            }
        }
    }

    @Test
    void moreThanOneEntryIsRefused() {
        Map<String, String> ambiguous = plain(search());
        ambiguous.put(LdapOptions.USER_FILTER, "(|(uid={0})(objectClass=inetOrgPerson))");
        try (LdapDirectory ldap = directory(ambiguous)) {
            assertThat(ldap.authenticate("alice", Slapd.ALICE_PASSWORD)).isInstanceOfSatisfying(
                    LdapOutcome.Refused.class, r -> assertThat(r.reason()).contains("more than one entry"));
        }
    }

    @Test
    void startTlsAndLdapsWithTheTestCaAreAccepted() {
        for (Map<String, String> mode : List.of(pattern(), search())) {
            try (LdapDirectory ldap = directory(startTls(mode, true))) {
                assertThat(ldap.authenticate("alice", Slapd.ALICE_PASSWORD)).isInstanceOf(LdapOutcome.Accepted.class);
            }
            try (LdapDirectory ldap = directory(ldaps(mode, true))) {
                assertThat(ldap.authenticate("alice", Slapd.ALICE_PASSWORD)).isInstanceOf(LdapOutcome.Accepted.class);
            }
        }
    }

    @Test
    void anUntrustedCertificateIsUnavailable() {
        for (Map<String, String> mode : List.of(pattern(), search())) {
            // no CA file: the JVM's trust store does not know the self-signed certificate
            for (Map<String, String> values : List.of(ldaps(mode, false), startTls(mode, false))) {
                try (LdapDirectory ldap = directory(values)) {
                    assertThat(ldap.authenticate("alice", Slapd.ALICE_PASSWORD)).isInstanceOfSatisfying(
                            LdapOutcome.Unavailable.class, u -> assertThat(u.reason()).contains("cannot be trusted"));
                }
            }
        }
    }

    @Test
    void aCertificateForAnotherHostNameIsUnavailable() {
        // trusted CA, but the certificate names IP 127.0.0.1, not "localhost"
        Map<String, String> ldaps = ldaps(pattern(), true);
        ldaps.put(LdapOptions.URL, "ldaps://localhost:" + SLAPD.ldapsPort());
        Map<String, String> startTls = startTls(pattern(), true);
        startTls.put(LdapOptions.URL, "ldap://localhost:" + SLAPD.ldapPort());
        for (Map<String, String> values : List.of(ldaps, startTls)) {
            try (LdapDirectory ldap = directory(values)) {
                assertThat(ldap.authenticate("alice", Slapd.ALICE_PASSWORD)).isInstanceOfSatisfying(
                        LdapOutcome.Unavailable.class, u -> assertThat(u.reason()).contains("Hostname verification"));
            }
        }
    }

    @Test
    void aServerThatIsDownIsUnavailable() throws Exception {
        for (Map<String, String> mode : List.of(pattern(), search())) {
            Map<String, String> down = plain(mode);
            down.put(LdapOptions.URL, "ldap://127.0.0.1:" + Slapd.freePort());
            try (LdapDirectory ldap = directory(down)) {
                assertThat(ldap.authenticate("alice", Slapd.ALICE_PASSWORD)).isInstanceOfSatisfying(
                        LdapOutcome.Unavailable.class, u -> assertThat(u.reason()).contains("Connection refused"));
            }
        }
    }

    @Test
    void aRefusedServiceAccountIsUnavailable() {
        Map<String, String> values = plain(search());
        values.put(LdapOptions.BIND_PASSWORD, "not-the-service-pass");
        try (LdapDirectory ldap = directory(values)) {
            assertThat(ldap.authenticate("alice", Slapd.ALICE_PASSWORD)).isEqualTo(new LdapOutcome.Unavailable(
                    "the service account " + Slapd.SERVICE_DN + " was refused (check " + LdapOptions.BIND_PASSWORD + ")"));
        }
    }

    @Test
    void aFailedGroupSearchIsUnavailableNotAnEmptyGroupList() {
        // groups decide the admin role: an unreadable group base must not demote alice silently
        Map<String, String> values = plain(pattern());
        values.put(LdapOptions.GROUP_BASE, "ou=nowhere,dc=example,dc=org");
        try (LdapDirectory ldap = directory(values)) {
            assertThat(ldap.authenticate("alice", Slapd.ALICE_PASSWORD)).isInstanceOf(LdapOutcome.Unavailable.class);
        }
    }

    @Test
    void withoutGroupSettingsThereAreNoGroupsTeamsOrAdmin() {
        Map<String, String> values = plain(pattern());
        values.remove(LdapOptions.GROUP_BASE);
        values.remove(LdapOptions.TEAM_GROUPS);
        values.remove(LdapOptions.ADMIN_GROUP);
        try (LdapDirectory ldap = directory(values)) {
            LdapOutcome.Accepted alice = accepted(ldap.authenticate("alice", Slapd.ALICE_PASSWORD));
            assertThat(alice.groups()).isEmpty();
            assertThat(alice.teams()).isEmpty();
            assertThat(alice.admin()).isFalse();
        }
    }

    private static LdapOutcome.Accepted accepted(LdapOutcome outcome) {
        assertThat(outcome).isInstanceOf(LdapOutcome.Accepted.class);
        return (LdapOutcome.Accepted) outcome;
    }

    private static LdapDirectory directory(Map<String, String> values) {
        return new LdapDirectory(LdapSettings.from(key -> Optional.ofNullable(values.get(key))).orElseThrow());
    }

    private static Map<String, String> pattern() {
        Map<String, String> values = groups();
        values.put(LdapOptions.USER_DN_PATTERN, "uid={0},ou=people,dc=example,dc=org");
        return values;
    }

    private static Map<String, String> search() {
        Map<String, String> values = groups();
        values.put(LdapOptions.BIND_DN, Slapd.SERVICE_DN);
        values.put(LdapOptions.BIND_PASSWORD, Slapd.SERVICE_PASSWORD);
        values.put(LdapOptions.USER_BASE, "ou=people,dc=example,dc=org");
        return values;
    }

    private static Map<String, String> groups() {
        Map<String, String> values = new HashMap<>();
        values.put(LdapOptions.GROUP_BASE, "ou=groups,dc=example,dc=org");
        values.put(LdapOptions.TEAM_GROUPS, "structural-.*");
        values.put(LdapOptions.ADMIN_GROUP, "registry-admins");
        values.put(LdapOptions.TIMEOUT, "3s");
        return values;
    }

    private static Map<String, String> plain(Map<String, String> mode) {
        Map<String, String> values = new HashMap<>(mode);
        values.put(LdapOptions.URL, SLAPD.ldapUrl());
        values.put(LdapOptions.INSECURE, "true");
        return values;
    }

    private static Map<String, String> startTls(Map<String, String> mode, boolean trustTestCa) {
        Map<String, String> values = new HashMap<>(mode);
        values.put(LdapOptions.URL, SLAPD.ldapUrl());
        values.put(LdapOptions.STARTTLS, "true");
        if (trustTestCa) {
            values.put(LdapOptions.CA_FILE, SLAPD.caFile().toString());
        }
        return values;
    }

    private static Map<String, String> ldaps(Map<String, String> mode, boolean trustTestCa) {
        Map<String, String> values = new HashMap<>(mode);
        values.put(LdapOptions.URL, SLAPD.ldapsUrl());
        if (trustTestCa) {
            values.put(LdapOptions.CA_FILE, SLAPD.caFile().toString());
        }
        return values;
    }
}
