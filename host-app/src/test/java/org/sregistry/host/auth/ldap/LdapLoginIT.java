package org.sregistry.host.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.sregistry.host.config.ConfigException;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.users.Role;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.db.Database;

/**
 * LDAP sign-in on a real registry against a real slapd ({@link Slapd}): the login form, HTTP Basic, accounts
 * made and bound, disabled accounts, groups to teams and the admin role, a local account that is not taken
 * over, a directory that is down, StartTLS.
 */
class LdapLoginIT {
    @RegisterExtension
    static final Slapd SLAPD = new Slapd();

    private static final String ALICE_DN = "uid=alice,ou=people,dc=example,dc=org";
    private static final String DAVE_LOCAL_PASSWORD = "dave-local-password";
    /** Search-then-bind over plain ldap:// (REGISTRY_LDAP_INSECURE), a user found by uid or mail. */
    private static RegistryExtension registry;

    @BeforeAll
    static void startRegistry() throws Exception {
        if (!SLAPD.running()) {
            return; // skipped test by test (Slapd says why)
        }
        registry = RegistryExtension.builder()
                .env(LdapOptions.URL, SLAPD.ldapUrl())
                .env(LdapOptions.INSECURE, "true")
                .env(LdapOptions.USER_BASE, "ou=people,dc=example,dc=org")
                .env(LdapOptions.USER_FILTER, "(|(uid={0})(mail={0}))")
                .env(LdapOptions.BIND_DN, Slapd.SERVICE_DN)
                .env(LdapOptions.BIND_PASSWORD, Slapd.SERVICE_PASSWORD)
                .env(LdapOptions.GROUP_BASE, "ou=groups,dc=example,dc=org")
                .env(LdapOptions.TEAM_GROUPS, "structural-.*")
                .env(LdapOptions.ADMIN_GROUP, "registry-admins")
                .start();
        registry.createUser("dave", Role.USER, DAVE_LOCAL_PASSWORD);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void theLoginFormSignsInAndMakesTheAccountFromTheDirectory() throws Exception {
        RegistryClient browser = registry.anonymous();
        HttpResponse<String> login = login(browser, "alice", Slapd.ALICE_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        User alice = registry.server().users().byName("alice").orElseThrow();
        assertThat(alice.displayName()).isEqualTo("Alice Adams");
        assertThat(alice.email()).isEqualTo("alice@example.org");
        assertThat(alice.hasPassword()).isFalse();
        assertThat(alice.role()).isEqualTo(Role.ADMIN); // registry-admins
        assertThat(alice.lastSignInAt()).isNotNull();
        assertThat(query(registry, "SELECT method FROM sessions WHERE user_id = ?", alice.id())).containsOnly("ldap");
        assertThat(query(registry, "SELECT provider || ' ' || subject FROM user_identities WHERE user_id = ?",
                alice.id())).containsExactly("ldap:" + SLAPD.ldapUrl() + " " + ALICE_DN);
        assertThat(query(registry, "SELECT last_seen_at FROM user_identities WHERE user_id = ?", alice.id()))
                .doesNotContainNull();
        // structural-biology matches REGISTRY_LDAP_TEAM_GROUPS; registry-admins does not
        assertThat(teams(registry, alice)).containsExactly("structural-biology ldap");

        // the same entry again: the same account, not a second one
        assertThat(login(registry.anonymous(), "ALICE", Slapd.ALICE_PASSWORD).statusCode()).isEqualTo(303);
        assertThat(registry.server().users().all().stream().filter(u -> u.username().startsWith("alice"))).hasSize(1);
    }

    @Test
    void httpBasicWithDirectoryCredentialsReachesTheApi() throws Exception {
        assertThat(registry.as("bob", Slapd.BOB_PASSWORD).get("/api/containers").statusCode()).isEqualTo(200);
        // again, from the verified-credentials cache
        assertThat(registry.as("bob", Slapd.BOB_PASSWORD).get("/api/containers").statusCode()).isEqualTo(200);
        User bob = registry.server().users().byName("bob").orElseThrow();
        assertThat(bob.role()).isEqualTo(Role.USER);
        assertThat(bob.displayName()).isEqualTo("Bob Brown");
        assertThat(teams(registry, bob)).containsExactly("structural-biology ldap");
    }

    @Test
    void aWrongPasswordIsTheLoginPagesUsualRefusal() {
        HttpResponse<String> login = login(registry.anonymous(), "alice", "wrong-pass");
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.body()).contains("Wrong user name or password.").doesNotContain("unreachable");
        assertThat(registry.as("alice", "wrong-pass").get("/api/containers").statusCode()).isEqualTo(401);
        assertThat(registry.as("nobody", "wrong-pass").get("/api/containers").statusCode()).isEqualTo(401);
    }

    @Test
    void aDisabledAccountIsRefusedAlthoughTheDirectoryAcceptsThePassword() throws Exception {
        assertThat(registry.as("bob", Slapd.BOB_PASSWORD).get("/api/containers").statusCode()).isEqualTo(200);
        User bob = registry.server().users().byName("bob").orElseThrow();
        registry.server().users().update(bob.id(), new UserStore.Change(null, null, null, false, null));
        try {
            // the cached verification is void too (the credential generation moved on)
            assertThat(registry.as("bob", Slapd.BOB_PASSWORD).get("/api/containers").statusCode()).isEqualTo(401);
            HttpResponse<String> login = login(registry.anonymous(), "bob", Slapd.BOB_PASSWORD);
            assertThat(login.statusCode()).isEqualTo(401);
            assertThat(login.body()).contains("Wrong user name or password.");
        } finally {
            registry.server().users().update(bob.id(), new UserStore.Change(null, null, null, true, null));
        }
        assertThat(registry.as("bob", Slapd.BOB_PASSWORD).get("/api/containers").statusCode()).isEqualTo(200);
    }

    @Test
    void aLocalAccountWithAPasswordIsNotTakenOverByTheDirectoryEntryOfItsName() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(LdapAccounts.class);
        logger.addAppender(logs);
        try {
            // dave has a local password: the directory is not asked
            assertThat(registry.as("dave", Slapd.DAVE_PASSWORD).get("/api/containers").statusCode()).isEqualTo(401);
            // by mail the directory finds uid=dave and accepts; the registry's dave is not the entry's to take
            HttpResponse<String> login = login(registry.anonymous(), "dave@example.org", Slapd.DAVE_PASSWORD);
            assertThat(login.statusCode()).isEqualTo(401);
            assertThat(login.body()).contains("Wrong user name or password.");
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).anySatisfy(line -> assertThat(line)
                .contains("uid=dave,ou=people,dc=example,dc=org", "'dave' has a local password", "not taken over"));
        User dave = registry.server().users().byName("dave").orElseThrow();
        assertThat(dave.hasPassword()).isTrue();
        assertThat(query(registry, "SELECT subject FROM user_identities WHERE user_id = ?", dave.id())).isEmpty();
        assertThat(registry.server().users().byName("dave@example.org")).isEmpty();
        assertThat(registry.as("dave", DAVE_LOCAL_PASSWORD).get("/api/containers").statusCode()).isEqualTo(200);
    }

    @Test
    void theSettingsPageWarnsWhilePasswordsTravelInClear() {
        String page = registry.browser().get("/settings").body();
        assertThat(page).contains("id=\"ldap-insecure\"", "passwords cross the network readable");
    }

    @Test
    void aDirectoryThatIsDownIsSaidToBeUnreachable() throws Exception {
        try (RegistryExtension down = RegistryExtension.builder()
                .env(LdapOptions.URL, "ldap://127.0.0.1:" + Slapd.freePort())
                .env(LdapOptions.INSECURE, "true")
                .env(LdapOptions.USER_DN_PATTERN, "uid={0},ou=people,dc=example,dc=org")
                .start()) {
            HttpResponse<String> login = login(down.anonymous(), "alice", Slapd.ALICE_PASSWORD);
            assertThat(login.statusCode()).isEqualTo(503);
            assertThat(login.body()).contains("The directory is unreachable; try again later.")
                    .doesNotContain("Wrong user name or password.");
            assertThat(down.as("alice", Slapd.ALICE_PASSWORD).get("/api/containers").statusCode()).isEqualTo(401);
            assertThat(down.server().users().byName("alice")).isEmpty();
            // the local administrator is not held up by the directory
            assertThat(down.admin().get("/api/containers").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void startTlsBindsAPreparedAccountAndTheAdminGroupDecidesItsRole() throws Exception {
        try (RegistryExtension tls = RegistryExtension.builder()
                .env(LdapOptions.URL, SLAPD.ldapUrl())
                .env(LdapOptions.STARTTLS, "true")
                .env(LdapOptions.CA_FILE, SLAPD.caFile().toString())
                .env(LdapOptions.USER_DN_PATTERN, "uid={0},ou=people,dc=example,dc=org")
                .env(LdapOptions.GROUP_BASE, "ou=groups,dc=example,dc=org")
                .env(LdapOptions.ADMIN_GROUP, "registry-admins")
                .start()) {
            // an administrator prepared bob's account (no password) as an admin; the directory says otherwise
            User prepared = tls.server().users().create(new UserStore.NewUser("bob", "Robert", null, Role.ADMIN,
                    null, null));
            RegistryClient browser = tls.anonymous();
            assertThat(login(browser, "bob", Slapd.BOB_PASSWORD).statusCode()).isEqualTo(303);
            User bob = tls.server().users().byName("bob").orElseThrow();
            assertThat(bob.id()).isEqualTo(prepared.id());
            assertThat(bob.role()).isEqualTo(Role.USER);
            assertThat(bob.displayName()).isEqualTo("Robert"); // the administrator's, kept
            // no REGISTRY_LDAP_TEAM_GROUPS: no teams
            assertThat(teams(tls, bob)).isEmpty();
            assertThat(login(tls.anonymous(), "alice", Slapd.ALICE_PASSWORD).statusCode()).isEqualTo(303);
            assertThat(tls.server().users().byName("alice").orElseThrow().admin()).isTrue();
            assertThat(tls.browser().get("/settings").body()).doesNotContain("ldap-insecure");
        }
    }

    @Test
    void settingsThatCannotWorkRefuseTheStartNamingTheKey() {
        assertThatThrownBy(() -> startAndClose(RegistryExtension.builder()
                .env(LdapOptions.URL, SLAPD.ldapUrl())
                .env(LdapOptions.USER_DN_PATTERN, "uid={0},ou=people,dc=example,dc=org")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(LdapOptions.URL))
                .hasMessageContaining("would send passwords in clear");
        assertThatThrownBy(() -> startAndClose(RegistryExtension.builder()
                .env(LdapOptions.URL, SLAPD.ldapsUrl())
                .env(LdapOptions.USER_BASE, "ou=people,dc=example,dc=org")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(LdapOptions.USER_BASE))
                .hasMessageContaining(LdapOptions.BIND_DN);
    }

    /** Starts (expected to fail) and removes the data dir either way. */
    private static void startAndClose(RegistryExtension.Builder builder) throws Exception {
        try (RegistryExtension extension = builder.build()) {
            extension.start();
        }
    }

    private static HttpResponse<String> login(RegistryClient client, String user, String password) {
        return client.form("/login", Map.of("username", user, "password", password, "next", "/"));
    }

    private static List<String> teams(RegistryExtension registry, User user) throws SQLException {
        return query(registry, "SELECT t.name || ' ' || t.source FROM teams t JOIN team_members m ON m.team_id = t.id"
                + " WHERE m.user_id = ? ORDER BY t.name", user.id());
    }

    /** The first column of a query of the registry's SQLite database, read beside the running server. */
    private static List<String> query(RegistryExtension registry, String sql, String parameter) throws SQLException {
        Path file = Database.defaultFile(registry.dataDir());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
