package org.sregistry.globus.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetrySimTest {

    private static final String SEARCH = "GET /transfer/v0.10/endpoint_search";

    @TempDir
    static Path dir;
    static SimHarness h;
    static TransferClient transfer;
    static EndpointSearch mine = EndpointSearch.scope(EndpointScope.MY_ENDPOINTS);

    @BeforeAll
    static void start() throws Exception {
        h = new SimHarness(dir, Duration.ofMillis(700));
        transfer = h.transfer(h.manager(h.login()));
        h.createEndpoint(Map.of("display_name", "Retry Target"));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @BeforeEach
    void clear() throws Exception {
        h.clearFaults();
        h.sleeps.clear();
        h.resetStats();
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        h.fault(SEARCH, 429, 2, 3, 0);
        assertThat(transfer.searchEndpoints(mine)).isNotEmpty();
        assertThat(h.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(h.requests(SEARCH)).isEqualTo(3);
    }

    @Test
    void honoursRetryAfterOn503AndCapsItAtTenSeconds() throws Exception {
        h.fault(SEARCH, 503, 1, 120, 0);
        assertThat(transfer.searchEndpoints(mine)).isNotEmpty();
        assertThat(h.sleeps()).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void backsOffWithJitterWithoutRetryAfter() throws Exception {
        h.post("sim/faults", Map.of("route", SEARCH, "status", 502, "count", 3, "code", "BadGateway"));
        assertThat(transfer.searchEndpoints(mine)).isNotEmpty();
        List<Duration> s = h.sleeps();
        assertThat(s).hasSize(3);
        for (int attempt = 0; attempt < 3; attempt++) {
            long base = 1000L << attempt;
            assertThat(s.get(attempt).toMillis()).isBetween(base / 4, base * 3 / 4);
        }
    }

    @Test
    void transferStorageErrorsAreNotRetried() throws Exception {
        h.post("sim/faults", Map.of("route", SEARCH, "status", 502, "count", 1, "code", "ExternalError.Foo"));
        assertThatThrownBy(() -> transfer.searchEndpoints(mine)).isInstanceOfSatisfying(GlobusApiException.class,
                e -> assertThat(e.isCode("ExternalError")).isTrue());
        assertThat(h.requests(SEARCH)).isEqualTo(1);
        assertThat(h.sleeps()).isEmpty();
    }

    @Test
    void givesUpAfterSixAttempts() throws Exception {
        h.fault(SEARCH, 503, 6, null, 0); // exactly the 6 attempts, so later tests start clean
        assertThatThrownBy(() -> transfer.searchEndpoints(mine)).isInstanceOfSatisfying(GlobusApiException.class,
                e -> assertThat(e.status()).isEqualTo(503));
        assertThat(h.requests(SEARCH)).isEqualTo(6);
        assertThat(h.sleeps()).hasSize(5);
    }

    @Test
    void clientErrorsAreNotRetried() throws Exception {
        h.fault(SEARCH, 400, 1, null, 0);
        assertThatThrownBy(() -> transfer.searchEndpoints(mine)).isInstanceOfSatisfying(GlobusApiException.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThat(h.requests(SEARCH)).isEqualTo(1);
        assertThat(h.sleeps()).isEmpty();
    }

    @Test
    void timeoutsAreRetried() throws Exception {
        h.fault(SEARCH, 0, 1, null, 1500);
        assertThat(transfer.searchEndpoints(mine)).isNotEmpty();
        assertThat(h.sleeps()).hasSize(1);
    }

    @Test
    void connectionFailuresAreRetriedThenReported() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        List<Duration> sleeps = new ArrayList<>();
        GlobusClientConfig dead = GlobusClientConfig.builder()
                .transferRoot(URI.create("http://127.0.0.1:" + port + "/transfer/"))
                .retryPolicy(RetryPolicy.withSleeper(sleeps::add))
                .build();
        TransferClient client = new TransferClient(dead, AccessTokenManager.fixed(
                GlobusScopes.TRANSFER_RESOURCE_SERVER, "not-a-real-token"));
        assertThatThrownBy(() -> client.searchEndpoints(mine)).isInstanceOfSatisfying(GlobusApiException.class, e -> {
            assertThat(e.networkError()).isTrue();
            assertThat(e.code()).isEqualTo(GlobusApiException.NETWORK_ERROR);
            assertThat(e.getMessage()).doesNotContain("not-a-real-token");
        });
        assertThat(sleeps).hasSize(5);
    }
}
