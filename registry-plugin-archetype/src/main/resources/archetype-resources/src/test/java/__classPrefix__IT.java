#set( $KEY = $pluginId.toUpperCase().replace("-", "_") )
package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.scheduler.TaskStatus;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * Integration tests (failsafe, mvn verify, after package built target/${artifactId}.jar): the real registry boots
 * in-process on a random port with a temp data dir, loads the jar from its plugins folder and enables the plugin
 * (as the /settings toggle would: it may be switched off and on again).
 */
class ${classPrefix}IT {

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder()
            .plugin(Path.of("target/${artifactId}.jar"))
            .enable("${pluginId}")
            .build();

    @Test
    void servesItsPageAndApi() {
        assertThat(registry.browser().get("/${pluginId}").body()).contains("id=\"${pluginId}-greeting\"", "Hello");
        assertThat(registry.admin().get("/api/${pluginId}/status").body()).contains("\"greeting\":\"Hello\"");
    }

    @Test
    void addsItsNavLinkAndOptionsToTheHostPages() {
        RegistryClient browser = registry.browser();
        assertThat(browser.get("/").body()).contains("id=\"${pluginId}-nav\"", "/static/${pluginId}/${pluginId}.css");
        assertThat(browser.get("/settings").body()).contains("id=\"option-PLUGIN_${KEY}_GREETING\"");
        assertThat(registry.admin().get("/static/${pluginId}/${pluginId}.css").statusCode()).isEqualTo(200);
    }

    @Test
    void itsTaskRunsOnTheHostsScheduler() {
        TaskStatus run = registry.runTask("${pluginId}", "${pluginId}-tick"); // now, instead of in 60 s
        assertThat(run.outcome()).isEqualTo("ok");
        assertThat(registry.admin().get("/api/${pluginId}/status").body()).doesNotContain("\"runs\":0");
    }
}
