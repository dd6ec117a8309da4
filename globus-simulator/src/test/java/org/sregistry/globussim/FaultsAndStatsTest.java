package org.sregistry.globussim;

import org.junit.jupiter.api.Test;
import org.sregistry.globussim.control.FaultSpec;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FaultsAndStatsTest extends SimulatorTestBase {

    @Test
    void injected429CarriesRetryAfterAndIsUsedUp() {
        SimClient.Res add = http.postJson("/sim/faults", Map.of("route", "GET /transfer/v0.10/endpoint_search",
                "status", 429, "count", 2, "retry_after", 3));
        assertThat(add.status()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            SimClient.Res r = http.get(X + "/endpoint_search?filter_scope=my-endpoints", token);
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.header("Retry-After")).isEqualTo("3");
            assertThat(r.json().get("code").asText()).isNotBlank();
            assertThat(r.json().get("resource").asText()).isEqualTo("/v0.10/endpoint_search");
        }
        assertThat(http.get(X + "/endpoint_search?filter_scope=my-endpoints", token).status()).isEqualTo(200);
    }

    @Test
    void wildcard503AndCustomCodeUntilCleared() {
        sim.addFault(FaultSpec.status("* /transfer/v0.10/task*", 503, 0).withCode("ServiceUnavailable"));
        SimClient.Res r = http.get(X + "/task_list", token);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("code").asText()).isEqualTo("ServiceUnavailable");
        assertThat(http.get(X + "/task/3a42f43c-1744-40dc-9b16-753d8e1589fa", token).status()).isEqualTo(503);
        assertThat(http.get(X + "/endpoint_search?filter_scope=my-endpoints", token).status()).isEqualTo(200);
        assertThat(http.delete("/sim/faults").status()).isEqualTo(200);
        assertThat(http.get(X + "/task_list", token).status()).isEqualTo(200);
    }

    @Test
    void templateRoutesAndAuthFaultsWork() {
        http.postJson("/sim/faults", Map.of("route", "GET /transfer/v0.10/task/{task_id}", "status", 502, "count", 1,
                "code", "ExternalError.Whatever"));
        SimClient.Res r = http.get(X + "/task/3a42f43c-1744-40dc-9b16-753d8e1589fa", token);
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.json().get("code").asText()).isEqualTo("ExternalError.Whatever");
        http.postJson("/sim/faults", Map.of("route", "POST /auth/v2/oauth2/token", "status", 503, "count", 1));
        SimClient.Res auth = http.postForm("/auth/v2/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", admin.refreshToken(), "client_id", sim.defaultClientId()));
        assertThat(auth.status()).isEqualTo(503);
        assertThat(auth.json().has("errors")).isTrue();
    }

    @Test
    void injectedConsentRequiredMayComeWith401InTheLegacyShapeNamingTheCollection() {
        String id = "cc3897ac-141c-4aed-b284-86466b2845a7";
        http.postJson("/sim/faults", Map.of("route", "GET /transfer/v0.10/operation/endpoint/*/ls", "status", 401,
                "count", 1, "code", "ConsentRequired"));
        SimClient.Res r = http.get(X + "/operation/endpoint/" + id + "/ls?path=/~/", token);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("ConsentRequired");
        assertThat(r.json().get("message").asText()).isEqualTo("Missing required data_access consent");
        assertThat(r.json().get("required_scopes").get(0).asText()).isEqualTo(
                "urn:globus:auth:scope:transfer.api.globus.org:all[*https://auth.globus.org/scopes/" + id
                        + "/data_access]");
        assertThat(r.json().get("resource").asText()).isEqualTo("/v0.10/operation/endpoint/" + id + "/ls");
    }

    @Test
    void latencyIsAdded() {
        http.postJson("/sim/faults", Map.of("route", "GET /transfer/v0.10/endpoint_search", "latency_ms", 300, "count", 1));
        long start = System.nanoTime();
        assertThat(http.get(X + "/endpoint_search?filter_scope=my-endpoints", token).status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        start = System.nanoTime();
        http.get(X + "/endpoint_search?filter_scope=my-endpoints", token);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(300);
        assertThat(http.postJson("/sim/faults", Map.of("route", "GET /x")).status()).isEqualTo(400);
    }

    @Test
    void anAnswerDelayServesTheSubmitAtOnceAndHoldsOnlyItsAnswerBack() throws Exception {
        java.nio.file.Path root = java.nio.file.Files.createDirectories(tmp.resolve("root"));
        java.nio.file.Files.writeString(root.resolve("a.sif"), "image");
        String ep = endpoint("Cluster", root);
        assertThat(http.postJson("/sim/faults", Map.of("route", "POST /transfer/v0.10/transfer", "status", 503,
                "answer_delay_ms", 100)).status()).as("a late answer is a served one: no status").isEqualTo(400);
        sim.addFault(FaultSpec.answerDelay("POST /transfer/v0.10/transfer", 2_000, 1));
        String sid = http.get(X + "/submission_id", token).json().get("value").asText();
        Map<String, Object> doc = SimClient.map("DATA_TYPE", "transfer", "submission_id", sid, "source_endpoint", ep,
                "destination_endpoint", ep, "DATA", java.util.List.of(SimClient.map("DATA_TYPE", "transfer_item",
                        "source_path", "/~/a.sif", "destination_path", "/~/b.sif")));
        long start = System.nanoTime();
        java.util.concurrent.CompletableFuture<SimClient.Res> late =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> http.postJson(X + "/transfer", token, doc));

        // Globus has the task while its answer is still on the way
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMillis(1_500))
                .until(() -> http.get(X + "/task_list", token).json().get("total").asInt() == 1);
        assertThat(late).isNotDone();
        SimClient.Res answer = late.get();
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(2_000);
        assertThat(answer.json().get("code").asText()).isEqualTo("Accepted");
        SimClient.Res again = http.postJson(X + "/transfer", token, doc);
        assertThat(again.json().get("code").asText()).as("used up: answered at once").isEqualTo("Duplicate");
        assertThat(again.json().get("task_id").asText()).isEqualTo(answer.json().get("task_id").asText());
    }

    @Test
    void statsCountByRouteTemplateAndExcludeControlRoutes() {
        http.get(X + "/task_list", token);
        http.get(X + "/task_list?limit=5", token);
        http.get(X + "/task/3a42f43c-1744-40dc-9b16-753d8e1589fa", token);
        http.get(X + "/task/b4705386-82a6-4ad2-a0f4-7b22c527500d", token);
        http.get("/sim/config");
        SimClient.Res stats = http.get("/sim/stats");
        assertThat(stats.json().get("requests").get("GET /transfer/v0.10/task_list").asLong()).isEqualTo(2);
        assertThat(stats.json().get("requests").get("GET /transfer/v0.10/task/{task_id}").asLong()).isEqualTo(2);
        assertThat(stats.json().get("requests").fieldNames()).toIterable().noneMatch(k -> k.contains("/sim/"));
        assertThat(sim.requestCount("GET /transfer/v0.10/task_list")).isEqualTo(2);
        assertThat(http.postJson("/sim/stats/reset", "").status()).isEqualTo(200);
        assertThat(http.get("/sim/stats").json().get("requests").size()).isZero();
        http.get(X + "/submission_id", token);
        assertThat(sim.stats()).containsExactly(Map.entry("GET /transfer/v0.10/submission_id", 1L));
    }

    @Test
    void configCanBeChangedAtRuntime() {
        SimClient.Res r = http.postJson("/sim/config", Map.of("access_token_lifetime_seconds", 60,
                "transfer_bytes_per_second", 1234, "successful_transfers_page_size", 7));
        assertThat(r.json().get("access_token_lifetime_seconds").asLong()).isEqualTo(60);
        assertThat(r.json().get("transfer_bytes_per_second").asLong()).isEqualTo(1234);
        assertThat(r.json().get("successful_transfers_page_size").asInt()).isEqualTo(7);
        SimClient.Res id = http.postJson("/sim/identities", Map.of("username", "dave@example.org"));
        assertThat(id.status()).isEqualTo(200);
        assertThat(id.json().get("tokens").get("transfer.api.globus.org").get("expires_in").asLong()).isEqualTo(60);
        assertThat(id.json().get("tokens").get("auth.globus.org").get("access_token").asText()).isNotBlank();
        assertThat(id.json().get("access_token").asText())
                .isEqualTo(id.json().get("tokens").get("transfer.api.globus.org").get("access_token").asText());
        assertThat(http.postJson("/sim/identities", Map.of()).status()).isEqualTo(400);
        SimClient.Res revoked = http.postJson("/sim/tokens/revoke-all", "");
        assertThat(revoked.json().get("revoked").asInt()).isPositive();
        assertThat(http.get(X + "/task_list", id.json().get("access_token").asText()).status()).isEqualTo(401);
    }
}
