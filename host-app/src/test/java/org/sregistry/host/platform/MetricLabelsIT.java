package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;

/** {@code http_server_requests} labels come from a fixed set, whatever paths clients send. */
class MetricLabelsIT {

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().build();

    @Test
    void fifteenHundredAnonymousRequestsToDistinctPathsAddNoSeries() throws Exception {
        RegistryClient anonymous = registry.anonymous();
        // every kind of answer once, so the series they need exist before counting
        anonymous.get("/warm-up");
        anonymous.get("/api/warm-up");
        anonymous.send(anonymous.request("/warm-up").method("PROPFIND", HttpRequest.BodyPublishers.noBody()));
        long before = series();
        String filler = "x".repeat(300);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    String path = (n % 3 == 0 ? "/api/" : "/") + "p" + n + filler + "/" + n;
                    return n % 5 == 0
                            ? anonymous.send(anonymous.request(path).method("PROPFIND", HttpRequest.BodyPublishers.noBody()))
                            : anonymous.get(path);
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long after = series();
        assertThat(after).as("series before %d, after %d", before, after).isEqualTo(before);
        assertThat(registry.server().metricsText()).doesNotContain(filler).doesNotContain("PROPFIND");
    }

    @Test
    void authenticatedRequestsAreLabelledByTheirRouteTemplate() {
        RegistryClient admin = registry.admin();
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> missing = admin.get("/api/container/demo/missing-" + i + ":v" + i);
            assertThat(missing.statusCode()).isEqualTo(404);
            admin.get("/no-such-page-" + i);
        }
        String text = registry.server().metricsText();
        assertThat(text).contains("uri=\"/api/container/{uri}\"").doesNotContain("missing-").doesNotContain("no-such-page");
        assertThat(text.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")
                && l.contains("uri=\"/api/container/{uri}\"") && l.contains("status=\"404\"")).count()).isEqualTo(1);
        admin.get("/metrics"); // a scrape is counted once it has been answered
        assertThat(admin.get("/metrics").body()).contains("uri=\"/metrics\"");
    }

    private static long series() {
        return registry.server().metricsText().lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_count")).count();
    }
}
