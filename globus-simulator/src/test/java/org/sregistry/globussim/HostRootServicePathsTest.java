package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.sregistry.globussim.control.FaultSpec;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Globus serves each API at its host's root, and the official JavaScript SDK joins its absolute paths onto the
 * service URL ({@code new URL("/v0.10/...", base)}), dropping a base path such as {@code /transfer/}. So the simulator
 * also answers {@code /v0.10/...} (Transfer) and {@code /v2/...} (Auth) at its root, through the same routes.
 */
class HostRootServicePathsTest extends SimulatorTestBase {

    @Test
    void transferPathsAtTheRootAreTheTransferRoutes() {
        sim.createEndpoint(EndpointSpec.named("Root Lab").root(tmp.resolve("lab")));
        SimClient.Res root = http.get("/v0.10/endpoint_search?filter_scope=my-endpoints", token);
        SimClient.Res prefixed = http.get(X + "/endpoint_search?filter_scope=my-endpoints", token);
        assertThat(root.status()).as(root.body()).isEqualTo(200);
        assertThat(root.json().path("DATA_TYPE").asText()).isEqualTo("endpoint_list");
        assertThat(root.json().path("DATA")).isEqualTo(prefixed.json().path("DATA"));

        // errors read as Transfer's, with the resource as Globus names it
        String missing = "3a42f43c-1744-40dc-9b16-753d8e1589fa";
        SimClient.Res notFound = http.get("/v0.10/endpoint/" + missing, token);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.json().path("code").asText()).isEqualTo("EndpointNotFound");
        assertThat(notFound.json().path("resource").asText()).isEqualTo("/v0.10/endpoint/" + missing);
        SimClient.Res noToken = http.get("/v0.10/task_list");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.json().path("code").asText()).isEqualTo("ClientError.AuthenticationFailed");
    }

    @Test
    void statisticsAndFaultsKeepTheirRouteKeys() {
        sim.resetStats();
        http.get("/v0.10/task_list", token);
        http.get(X + "/task_list", token);
        assertThat(sim.requestCount("GET /transfer/v0.10/task_list")).isEqualTo(2);

        sim.addFault(FaultSpec.status("GET /transfer/v0.10/task_list", 503, 1));
        SimClient.Res faulted = http.get("/v0.10/task_list", token);
        assertThat(faulted.status()).isEqualTo(503);
        assertThat(faulted.json().path("code").asText()).isEqualTo("ServiceUnavailable");
        assertThat(http.get("/v0.10/task_list", token).status()).isEqualTo(200);
    }

    @Test
    void authPathsAtTheRootAreTheAuthRoutes() {
        SimClient.Res userinfo = http.get("/v2/oauth2/userinfo", admin.auth().accessToken());
        assertThat(userinfo.status()).as(userinfo.body()).isEqualTo(200);
        assertThat(userinfo.json().path("sub").asText()).isEqualTo(sim.defaultIdentityId());

        SimClient.Res refreshed = http.postForm("/v2/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", admin.refreshToken(), "client_id", sim.defaultClientId()));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        JsonNode t = refreshed.json();
        assertThat(t.path("resource_server").asText()).isEqualTo("transfer.api.globus.org");
        assertThat(http.get("/v0.10/task_list", t.path("access_token").asText()).status()).isEqualTo(200);

        SimClient.Res bad = http.get("/v2/oauth2/userinfo", "not-a-token");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().path("errors").get(0).path("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void otherRootPathsAreStillUnknown() {
        assertThat(http.get("/v0.11/task_list", token).status()).isEqualTo(404);
        assertThat(http.get("/v2x/oauth2/userinfo", token).status()).isEqualTo(404);
    }
}
