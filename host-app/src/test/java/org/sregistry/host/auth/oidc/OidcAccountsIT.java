package org.sregistry.host.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.RegistryServer;
import org.sregistry.host.testkit.ShiftableClock;
import org.sregistry.host.users.Role;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.db.Database;

/**
 * The account rules and the pending sign-ins on a real (SQLite) database, for what the simulator cannot send:
 * linked identities, groups, odd user names.
 */
class OidcAccountsIT {
    static final String ISS = "https://auth.example.test";

    @TempDir
    Path tmp;
    Database database;
    UserStore users;
    final ShiftableClock clock = ShiftableClock.startingAt(OidcFlowIT.START);

    @BeforeEach
    void open() {
        database = Database.open(tmp);
        database.migrateExtra(RegistryServer.HOST_MIGRATIONS, RegistryServer.HOST_HISTORY_TABLE);
        users = new UserStore(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    OidcAccounts accounts(Map<String, String> extra) {
        Map<String, String> cfg = new HashMap<>(Map.of(OidcOptions.ISSUER, ISS, OidcOptions.CLIENT_ID, "c",
                OidcOptions.CLIENT_SECRET, "s"));
        cfg.putAll(extra);
        OidcSettings s = OidcSettings.from(k -> Optional.ofNullable(cfg.get(k)), URI.create("http://127.0.0.1/cb"))
                .orElseThrow();
        return new OidcAccounts(database, users, s, clock);
    }

    static OidcIdentity who(String sub, String username, List<String> linked, List<String> groups) {
        return new OidcIdentity(ISS, sub, username, null, username, null, null, linked, groups);
    }

    @Test
    void aLinkedIdentityThatIsBoundSignsInToThatAccountAndIsBoundToo() throws Exception {
        OidcAccounts accounts = accounts(Map.of());
        User alice = accounts.signIn(who("sub-uchicago", "alice@uchicago.edu", List.of("sub-uchicago"), List.of()));
        User again = accounts.signIn(who("sub-orcid", "0000-0002@orcid.org", List.of("sub-orcid", "sub-uchicago"),
                List.of()));
        assertThat(again.id()).isEqualTo(alice.id());
        // now bound by its own sub, even without the link
        assertThat(accounts.signIn(who("sub-orcid", "0000-0002@orcid.org", List.of(), List.of())).id())
                .isEqualTo(alice.id());
        assertThat(users.count()).isEqualTo(1);
    }

    @Test
    void linkedIdentitiesOfTwoAccountsAreRefused() throws Exception {
        OidcAccounts accounts = accounts(Map.of());
        accounts.signIn(who("a", "a@x.org", List.of(), List.of()));
        accounts.signIn(who("b", "b@x.org", List.of(), List.of()));
        assertThatThrownBy(() -> accounts.signIn(who("c", "c@x.org", List.of("a", "b", "c"), List.of())))
                .isInstanceOf(OidcException.class).hasMessageContaining("belong to different accounts");
        assertThat(users.count()).isEqualTo(2);
    }

    @Test
    void eMailIsNeverUsedToMatch() throws Exception {
        users.create(new UserStore.NewUser("mallory", "", "victim@x.org", Role.ADMIN, null, null));
        User made = accounts(Map.of()).signIn(new OidcIdentity(ISS, "s1", "victim@x.org", null, "victim@x.org", null,
                null, List.of(), List.of()));
        assertThat(made.username()).isEqualTo("victim@x.org");
        assertThat(made.role()).isEqualTo(Role.USER);
    }

    @Test
    void namesAreMadeValid() throws Exception {
        OidcAccounts accounts = accounts(Map.of());
        assertThat(accounts.signIn(who("1", "Jane Doe+lab@Example.ORG", List.of(), List.of())).username())
                .isEqualTo("jane-doe-lab@example.org");
        // other characters become '-', leading punctuation is dropped
        assertThat(accounts.signIn(who("2", "__Ünïcode", List.of(), List.of())).username()).isEqualTo("n-code");
        assertThat(accounts.signIn(who("3", null, List.of(), List.of())).username()).isEqualTo("user");
        assertThat(accounts.signIn(who("4", null, List.of(), List.of())).username()).isEqualTo("user-2");
        assertThat(accounts.signIn(who("5", "x".repeat(100), List.of(), List.of())).username()).hasSize(60);
    }

    @Test
    void adminGroupsDecideTheRoleAtEverySignIn() throws Exception {
        OidcAccounts accounts = accounts(Map.of(OidcOptions.GROUPS_CLAIM, "groups",
                OidcOptions.ADMIN_GROUPS, "registry-admins"));
        users.create(new UserStore.NewUser("admin", "", null, Role.ADMIN, "x", null));
        User bob = accounts.signIn(who("bob", "bob@x.org", List.of(), List.of("registry-admins")));
        assertThat(bob.role()).isEqualTo(Role.ADMIN);
        assertThat(accounts.signIn(who("bob", "bob@x.org", List.of(), List.of("staff"))).role()).isEqualTo(Role.USER);
        assertThat(accounts.signIn(who("bob", "bob@x.org", List.of(), List.of("registry-admins"))).role())
                .isEqualTo(Role.ADMIN);
        // the last enabled administrator is not demoted
        users.update(users.byName("admin").orElseThrow().id(), new UserStore.Change(null, null, null, false, null));
        assertThat(accounts.signIn(who("bob", "bob@x.org", List.of(), List.of())).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void groupsAreTheUsersOidcTeamsReplacedAtEachSignIn() throws Exception {
        OidcAccounts accounts = accounts(Map.of(OidcOptions.GROUPS_CLAIM, "groups"));
        database.jdbi().useHandle(h -> h.execute("INSERT INTO teams (id, name, source, created_at)"
                + " VALUES ('local-1', 'admins', 'local', 0)"));
        User u = accounts.signIn(who("u", "u@x.org", List.of(), List.of("/Physics", "chem lab", "admins")));
        assertThat(teamsOf(u)).containsExactlyInAnyOrder("physics", "chem-lab");
        User v = accounts.signIn(who("v", "v@x.org", List.of(), List.of("physics")));
        assertThat(teamsOf(v)).containsExactly("physics");
        accounts.signIn(who("u", "u@x.org", List.of(), List.of("chem lab", "bio")));
        assertThat(teamsOf(u)).containsExactlyInAnyOrder("chem-lab", "bio");
        assertThat(teamsOf(v)).containsExactly("physics");
        String source = database.jdbi().withHandle(h -> h.createQuery("SELECT source FROM teams WHERE name = 'admins'")
                .mapTo(String.class).one());
        assertThat(source).isEqualTo("local");
    }

    List<String> teamsOf(User u) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT t.name FROM teams t JOIN team_members m"
                + " ON m.team_id = t.id WHERE m.user_id = :u").bind("u", u.id()).mapTo(String.class).list());
    }

    @Test
    void withoutAdminGroupsTheRoleIsLeftAlone() throws Exception {
        OidcAccounts accounts = accounts(Map.of());
        User u = accounts.signIn(who("u", "u@x.org", List.of(), List.of()));
        users.update(u.id(), new UserStore.Change(null, null, Role.ADMIN, null, null));
        assertThat(accounts.signIn(who("u", "u@x.org", List.of(), List.of())).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void lastSeenIsRecorded() throws Exception {
        OidcAccounts accounts = accounts(Map.of());
        accounts.signIn(who("u", "u@x.org", List.of(), List.of()));
        clock.advance(Duration.ofHours(1));
        accounts.signIn(who("u", "u@x.org", List.of(), List.of()));
        long seen = database.jdbi().withHandle(h -> h.createQuery("SELECT last_seen_at FROM user_identities")
                .mapTo(Long.class).one());
        assertThat(seen).isEqualTo(clock.millis());
    }

    @Test
    void pendingSignInsAreTakenOnceAndVoidAfterTenMinutes() {
        OidcPendingStore pending = new OidcPendingStore(database, clock);
        pending.put("s1", "b1", "n1", null, "/x");
        OidcPendingStore.Row row = pending.take("s1").orElseThrow();
        assertThat(row.browserHash()).isEqualTo("b1");
        assertThat(row.nonce()).isEqualTo("n1");
        assertThat(row.nextPath()).isEqualTo("/x");
        assertThat(pending.take("s1")).as("taken once").isEmpty();

        pending.put("s2", "b2", "n2", "v2", "/");
        clock.advance(Duration.ofMinutes(10));
        assertThat(pending.take("s2")).as("void after 10 min").isEmpty();

        pending.put("s3", "b3", "n3", null, "/");
        clock.advance(Duration.ofMinutes(9));
        pending.put("s4", "b4", "n4", null, "/".repeat(3000));
        clock.advance(Duration.ofMinutes(2));
        assertThat(pending.sweep()).as("s3 only").isEqualTo(1);
        assertThat(pending.take("s4").orElseThrow().nextPath()).as("an over-long next path is dropped").isEqualTo("/");
    }
}
