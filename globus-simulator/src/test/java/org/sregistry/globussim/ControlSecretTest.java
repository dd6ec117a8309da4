package org.sregistry.globussim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A control secret closes {@code /sim/}: without it nothing is handed out or changed; the Java API still works. */
class ControlSecretTest extends SimulatorTestBase {
    private static final String SECRET = "a-secret-only-the-launcher-knows";

    @Override
    SimulatorConfig.Builder config() {
        return super.config().controlSecret(SECRET);
    }

    @Test
    void withoutTheSecretTheControlApiHandsOutNoTokenNoCodeAndChangesNothing() {
        SimClient.Res tokens = http.postJson("/sim/identities", Map.of("username", sim.defaultUsername()));
        assertThat(tokens.status()).isEqualTo(401);
        assertThat(tokens.body()).doesNotContain("access_token", "refresh_token");
        assertThat(http.get("/sim/identities").status()).isEqualTo(401);
        assertThat(http.get("/sim/authorize?client_id=" + sim.defaultClientId()
                + "&redirect_uri=x&scope=openid&response_type=code").status()).isEqualTo(401);
        assertThat(http.postJson("/sim/identities", "wrong-secret", Map.of("username", "x@example.org")).status())
                .isEqualTo(401);
        assertThat(http.postJson("/sim/tokens/revoke-all", Map.of()).status()).isEqualTo(401);
        assertThat(http.get(X + "/endpoint_search?filter_scope=my-endpoints", token).status())
                .as("the registry's own token still works").isEqualTo(200);
    }

    @Test
    void withTheSecretItWorksAsBefore() {
        SimClient.Res listed = http.get("/sim/identities", SECRET);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(sim.defaultUsername());
        assertThat(sim.createIdentity("bob@example.org").accessToken()).as("the Java API is not closed").isNotBlank();
    }
}
