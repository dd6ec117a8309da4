package org.sregistry.host.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.RegistryServer;
import org.sregistry.host.secrets.Keyring;
import org.sregistry.host.testkit.ShiftableClock;
import org.sregistry.host.users.Role;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.db.Database;

/**
 * The {@code oidc_grants} table on PostgreSQL (V14 and every query of {@link OidcGrants}); the SQLite side is
 * {@link OidcGrantsIT}. Runs when {@code REGISTRY_TEST_POSTGRES_URL} (plus {@code _USER}, {@code _PASSWORD}) names a
 * database it may wipe; {@code .ci/run} starts one.
 */
@EnabledIfEnvironmentVariable(named = "REGISTRY_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class OidcGrantsOnPostgresIT {
    @TempDir
    Path tmp;

    @Test
    void keepTakeReplaceAndSweepOnPostgres() throws Exception {
        String url = System.getenv("REGISTRY_TEST_POSTGRES_URL");
        String user = System.getenv("REGISTRY_TEST_POSTGRES_USER");
        String password = System.getenv("REGISTRY_TEST_POSTGRES_PASSWORD");
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
        ShiftableClock clock = ShiftableClock.startingAt(OidcFlowIT.START);
        try (Database database = Database.open(tmp, url, user, password)) {
            database.migrateExtra(RegistryServer.HOST_MIGRATIONS, RegistryServer.HOST_HISTORY_TABLE);
            User alice = new UserStore(database, clock).create(new UserStore.NewUser("alice", "", null, Role.USER,
                    null, null));
            OidcGrants store = new OidcGrants(database, new Keyring(tmp, clock), clock);
            ReceivedToken transfer = new ReceivedToken("transfer.api.globus.org", "AT-1", "RT-1",
                    Instant.parse("2025-01-03T00:00:00Z"), Set.of("urn:globus:auth:scope:transfer.api.globus.org:all"));
            ReceivedToken bare = new ReceivedToken("other.example.org", "AT-2", null, null, Set.of());

            assertThat(store.replace(alice.id(), "https://auth.example.test", "sub-1", List.of(transfer, bare))
                    .replaced()).isEmpty();
            assertThat(store.count()).isEqualTo(2);
            assertThat(store.take(alice.id(), "other.example.org").orElseThrow().token()).isEqualTo(bare);
            assertThat(store.take(alice.id(), "other.example.org")).isEmpty();

            ReceivedToken newer = new ReceivedToken("transfer.api.globus.org", "AT-3", "RT-3", null, Set.of());
            List<OidcGrants.Stored> replaced = store.replace(alice.id(), "https://auth.example.test", "sub-1",
                    List.of(newer)).replaced();
            assertThat(replaced).extracting(OidcGrants.Stored::token).containsExactly(transfer);
            assertThat(replaced.get(0).subject()).isEqualTo("sub-1");

            clock.advance(OidcGrants.MAX_AGE.minus(Duration.ofMinutes(1)));
            assertThat(store.takeOlderThanMaxAge(10)).isEmpty();
            clock.advance(Duration.ofMinutes(1));
            assertThat(store.takeOlderThanMaxAge(10)).extracting(OidcGrants.Stored::token).containsExactly(newer);
            assertThat(store.count()).isZero();
        }
    }
}
