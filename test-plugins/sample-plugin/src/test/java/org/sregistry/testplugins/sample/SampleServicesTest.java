package org.sregistry.testplugins.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sregistry.api.HealthCheck;
import org.sregistry.testkit.FakePluginContext;

/** The health check, the counters and the change listener on a FakePluginContext. */
class SampleServicesTest {
    private final FakePluginContext context = FakePluginContext.of("sample").withOptions(new SampleOptions());

    @AfterEach
    void cleanUp() {
        context.close();
    }

    @Test
    void visitsAreCountedInTheStoreAndOnTheMeters() {
        SampleCounters.Api api = new SampleCounters.Api(context);
        assertThat(api.visit()).containsEntry("visits", 1L);
        assertThat(api.visit()).containsEntry("visits", 2L);
        assertThat(api.counters()).containsEntry("visits", 2L)
                .containsEntry("serviceRoot", "https://sample.example.org/api/");
        assertThat(context.metrics().find("sample.visits").tag("plugin", "sample").counter().count()).isEqualTo(2.0);
    }

    @Test
    void theHealthCheckAnswersAsTheOptionSays() {
        SampleHealth check = new SampleHealth(context);
        assertThat(check.check()).isEqualTo(HealthCheck.Result.healthy("fine"));
        context.config().set(SampleHealth.KEY, SampleHealth.DOWN);
        assertThat(check.check()).isEqualTo(HealthCheck.Result.unhealthy("told to be down"));
        context.config().set(SampleHealth.KEY, SampleHealth.THROWS);
        assertThatThrownBy(check::check).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theListenerCountsChangesPerKeyAndThrowsOnlyAfterCounting() {
        SampleConfigChanges listener = new SampleConfigChanges(context);
        listener.configChanged(Set.of("PLUGIN_SAMPLE_LIMIT"));
        context.config().set("PLUGIN_SAMPLE_GREETING", "explode");
        assertThatThrownBy(() -> listener.configChanged(Set.of("PLUGIN_SAMPLE_GREETING")))
                .hasMessage("sample listener exploded");
        assertThat(new SampleCounters.Api(context).counters().get("changes"))
                .isEqualTo(Map.of("PLUGIN_SAMPLE_LIMIT", 1L, "PLUGIN_SAMPLE_GREETING", 1L));
    }
}
