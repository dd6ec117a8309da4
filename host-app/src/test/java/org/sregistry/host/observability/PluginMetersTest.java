package org.sregistry.host.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PluginMetersTest {
    private final PrometheusMeterRegistry host = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PluginMeters meters = new PluginMeters(host);

    @Test
    void aPluginsMetersAreNamedAfterItAndTaggedWithItsIdOnTheHostRegistry() {
        meters.of("globus").counter("transfers.submitted", "plugin", "other").increment(3);
        meters.of("globus").counter("globus.transfers.imported").increment();

        assertThat(host.scrape()).contains("globus_transfers_submitted_total{plugin=\"globus\"} 3.0")
                .contains("globus_transfers_imported_total{plugin=\"globus\"} 1.0")
                .doesNotContain("globus_globus");
    }

    @Test
    void releasingRemovesThePluginsMetersOnlyAndTheNextInstanceStartsAfresh() {
        Counter.builder("registry.task.failures").tag("plugin", "globus").register(host).increment();
        AtomicInteger queued = new AtomicInteger(7);
        Gauge.builder("queue", queued, AtomicInteger::get).register(meters.of("globus"));
        meters.of("globus").counter("sent").increment();
        Counter oldInstance = meters.of("globus").counter("sent");

        meters.release("globus");

        assertThat(host.scrape()).doesNotContain("globus_queue").doesNotContain("globus_sent")
                .as("the host's own meters about the plugin stay").contains("registry_task_failures_total");
        oldInstance.increment();
        assertThat(host.scrape()).as("a stopped instance counts nowhere").doesNotContain("globus_sent");
        meters.of("globus").counter("sent").increment();
        assertThat(host.scrape()).contains("globus_sent_total{plugin=\"globus\"} 1.0");
    }
}
