package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sregistry.testkit.FakePluginContext;
import picocli.CommandLine;

/**
 * Unit tests (surefire, mvn test): the plugin's classes on a FakePluginContext, an in-memory stand-in for the host's
 * services (store, config, clock, audit). Nothing boots; see ${classPrefix}IT for the plugin on the real host.
 */
class ${classPrefix}PluginTest {
    private final FakePluginContext context = FakePluginContext.of("${pluginId}").withOptions(new ${classPrefix}Options());
    private final ${classPrefix}Plugin plugin = new ${classPrefix}Plugin(context);

    @AfterEach
    void cleanUp() {
        context.close();
    }

    @Test
    void theTaskCountsItsRunsInTheStore() {
        ${classPrefix}Task task = new ${classPrefix}Task(plugin);
        task.run(context.taskContext());
        task.run(context.taskContext());
        task.run(context.taskContext(true)); // the host is stopping the plugin: do nothing
        assertThat(context.store().get(${classPrefix}Task.KIND, ${classPrefix}Task.RUNS)).contains("2");
        assertThat(new ${classPrefix}Resources.Api(context).status()).containsEntry("runs", 2L);
    }

    @Test
    void theIntervalFollowsTheOptionAndBadValuesAreRefused() {
        ${classPrefix}Task task = new ${classPrefix}Task(plugin);
        assertThat(task.interval()).isEqualTo(Duration.ofSeconds(60)); // the declared default
        context.config().set(${classPrefix}Options.INTERVAL_SECONDS, "5");
        assertThat(task.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> context.config().set(${classPrefix}Options.INTERVAL_SECONDS, "0"))
                .hasMessageContaining("between 1 and 86400 seconds");
    }

    @Test
    void thePageEscapesTheGreeting() {
        context.withConfig(${classPrefix}Options.GREETING, "<b>hi</b>");
        assertThat(new ${classPrefix}Resources.Page(context).page())
                .contains("&lt;b&gt;hi&lt;/b&gt;", "Task runs: 0").doesNotContain("<b>");
    }

    @Test
    void theCommandGreetsAndCountsRuns() {
        ${classPrefix}Task.increment(context.store());
        StringWriter out = new StringWriter();
        int code = new CommandLine(new ${classPrefix}Command(context.withCliMode(true)).command())
                .setOut(new PrintWriter(out, true)).execute("--name", "ada");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Hello, ada (1 task runs so far)");
    }
}
