package org.sregistry.host.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sregistry.api.Access;
import org.sregistry.api.SignInGrants;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.globussim.IdentityTokens;
import org.sregistry.globussim.SimulatorConfig;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.registry.db.Database;

/**
 * "Sign in with Globus" with the Transfer scope, end to end: the real registry and simulator on loopback, the
 * callback keeps the Transfer token sealed in the database, and the plugins' facet hands it over once.
 */
class SignInGrantsIT {
    static final String CLIENT = "3c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f";

    static Path tmp;
    static GlobusSimulator sim;
    static RegistryExtension registry;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("sign-in-grants-it");
        sim = GlobusSimulator.start(SimulatorConfig.builder().port(0).dataDir(tmp.resolve("sim"))
                .transferBytesPerSecond(0).build());
        registry = OidcLoginIT.oidcRegistry(sim, CLIENT, Map.of(OidcOptions.SCOPES, OidcGrantsIT.WITH_TRANSFER));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void theCallbackKeepsTheTransferTokenSealedForOneTake() throws Exception {
        IdentityTokens ivy = sim.createIdentity("ivy@uchicago.edu");
        OidcBrowser browser = new OidcBrowser(registry, sim);
        HttpResponse<String> done = browser.signIn("/", ivy.id());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(browser.home()).contains(">ivy@uchicago.edu</a>");

        String sealed = sealedColumn("ivy@uchicago.edu");
        assertThat(sealed).startsWith("s1.");
        assertThat(OidcLoginIT.signInEvents(registry)).as("the audit log names what was kept").anySatisfy(e -> {
            assertThat(e.path("actor").asText()).isEqualTo("ivy@uchicago.edu");
            assertThat(e.path("details").path("grants").asText()).isEqualTo(OidcGrantsIT.TRANSFER);
        });

        SignInGrants grants = registry.server().signInGrants();
        Access.Caller ivyCaller = new Access.Caller("ivy@uchicago.edu", "Ivy", false);
        SignInGrants.Grant grant = grants.take(ivyCaller, OidcGrantsIT.TRANSFER).orElseThrow();
        assertThat(grant.subject()).isEqualTo(ivy.id());
        assertThat(grant.issuer()).isEqualTo(sim.issuer());
        assertThat(grant.username()).as("the id_token's preferred_username, kept sealed with the tokens")
                .isEqualTo("ivy@uchicago.edu");
        assertThat(sealed).doesNotContain("ivy@uchicago.edu");
        assertThat(sealed).doesNotContain(grant.accessToken()).doesNotContain(grant.refreshToken());
        assertThat(grants.take(ivyCaller, OidcGrantsIT.TRANSFER)).isEmpty();
        assertThat(Files.readString(registry.server().logFile())).as("no token in the log")
                .doesNotContain(grant.accessToken()).doesNotContain(grant.refreshToken());

        SignInGrants.Grant fresh = grants.refresh(OidcGrantsIT.TRANSFER, grant.refreshToken());
        assertThat(fresh.accessToken()).isNotEqualTo(grant.accessToken());
        grants.revoke(fresh.refreshToken());
    }

    /** The {@code sealed} column of the user's row, read from the server's SQLite file beside it. */
    static String sealedColumn(String username) throws Exception {
        try (Connection c = DriverManager.getConnection(Database.defaultUrl(registry.dataDir()));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT g.sealed FROM oidc_grants g JOIN users u ON u.id = g.user_id"
                     + " WHERE u.username = '" + username + "'")) {
            assertThat(rs.next()).as("a row for " + username).isTrue();
            return rs.getString(1);
        }
    }
}
