package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentTest extends SimulatorTestBase {
    static final String COLLECTION = "cc3897ac-141c-4aed-b284-86466b2845a7";

    @Test
    void consentRequiredUntilTheTokenCarriesDataAccess() throws Exception {
        sim.createEndpoint(EndpointSpec.named("HPC Scratch").id(COLLECTION).consentRequired(true).root(tmp.resolve("hpc")));
        String plain = endpoint("Plain", tmp.resolve("plain"));

        SimClient.Res ls = http.get(X + "/operation/endpoint/" + COLLECTION + "/ls?path=/~/", token);
        assertThat(ls.status()).isEqualTo(403);
        JsonNode body = ls.json();
        assertThat(body.get("code").asText()).isEqualTo("ConsentRequired");
        assertThat(body.get("message").asText()).isEqualTo("Missing required data_access consent");
        assertThat(body.get("request_id").asText()).isNotBlank();
        assertThat(body.get("resource").asText()).isEqualTo("/v0.10/operation/endpoint/" + COLLECTION + "/ls");
        String required = "urn:globus:auth:scope:transfer.api.globus.org:all[*https://auth.globus.org/scopes/"
                + COLLECTION + "/data_access]";
        assertThat(body.get("required_scopes")).hasSize(1);
        assertThat(body.get("required_scopes").get(0).asText()).isEqualTo(required);

        assertThat(http.postJson(X + "/operation/endpoint/" + COLLECTION + "/mkdir", token,
                Map.of("DATA_TYPE", "mkdir", "path", "/~/x/")).json().get("code").asText()).isEqualTo("ConsentRequired");
        String sid = http.get(X + "/submission_id", token).json().get("value").asText();
        SimClient.Res put = http.postJson(X + "/transfer", token, Map.of("DATA_TYPE", "transfer", "submission_id", sid,
                "source_endpoint", plain, "destination_endpoint", COLLECTION, "DATA", List.of(item("/~/a", "/~/a", false))));
        assertThat(put.status()).isEqualTo(403);
        assertThat(put.json().get("code").asText()).isEqualTo("ConsentRequired");

        // log in again asking for the required scopes, through the real authorize + token endpoints
        String verifier = AuthFlowTest.VERIFIER;
        String redirect = "http://localhost:1/cb";
        String query = "client_id=" + sim.defaultClientId() + "&redirect_uri=" + SimClient.enc(redirect) + "&scope="
                + SimClient.enc(required) + "&response_type=code&access_type=offline&code_challenge="
                + AuthFlowTest.challenge(verifier) + "&code_challenge_method=S256";
        String code = http.get("/sim/authorize?" + query).json().get("code").asText();
        JsonNode tokens = http.postForm("/auth/v2/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", verifier, "redirect_uri", redirect, "client_id", sim.defaultClientId())).json();
        assertThat(tokens.get("resource_server").asText()).isEqualTo("transfer.api.globus.org");
        String consented = tokens.get("access_token").asText();

        assertThat(http.get(X + "/operation/endpoint/" + COLLECTION + "/ls?path=/~/", consented).status()).isEqualTo(200);
        // the consent survives a refresh
        JsonNode refreshed = http.postForm("/auth/v2/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token").asText(), "client_id", sim.defaultClientId())).json();
        assertThat(http.get(X + "/operation/endpoint/" + COLLECTION + "/ls?path=/~/", refreshed.get("access_token").asText())
                .status()).isEqualTo(200);
        // the old token still lacks it
        assertThat(http.get(X + "/operation/endpoint/" + COLLECTION + "/ls?path=/~/", token).status()).isEqualTo(403);
        // other endpoints never needed it
        assertThat(http.get(X + "/operation/endpoint/" + plain + "/ls?path=/~/", token).status()).isEqualTo(200);
    }
}
