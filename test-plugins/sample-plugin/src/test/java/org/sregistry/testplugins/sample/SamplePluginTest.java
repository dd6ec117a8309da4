package org.sregistry.testplugins.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sregistry.testkit.FakePluginContext;
import picocli.CommandLine;

/** The sample plugin's classes on a FakePluginContext: no host, no jar, milliseconds. */
class SamplePluginTest {
    private final FakePluginContext context = FakePluginContext.of("sample").withOptions(new SampleOptions());
    private final SamplePlugin plugin = new SamplePlugin(context);

    @AfterEach
    void cleanUp() {
        context.close();
    }

    @Test
    void theTaskCountsItsRunsAndReadsItsIntervalFromTheOptions() throws Exception {
        SampleTask task = new SampleTask(plugin);
        assertThat(task.interval()).isEqualTo(Duration.ofMillis(100)); // the declared default
        task.run(context.taskContext());
        task.run(context.taskContext());
        assertThat(new SampleResources.Api(plugin).ticks()).containsEntry("ticks", 2);

        context.withConfig("PLUGIN_SAMPLE_TASK_FAILS", "true");
        assertThatThrownBy(() -> task.run(context.taskContext())).hasMessage("sample task exploded");
    }

    @Test
    void theStoreRouteClaimsOnce() {
        SampleResources.Api api = new SampleResources.Api(plugin);
        assertThat(api.store()).containsEntry("inserted", true);
        assertThat(api.store()).containsEntry("inserted", false);
        assertThat(context.store().get("visits", "first")).contains("yes");
    }

    @Test
    void thePageEscapesTheGreetingAndAnInvalidOneIsRefused() {
        context.config().set("PLUGIN_SAMPLE_GREETING", "<b>hi</b>");
        assertThat(new SampleResources.Page(context).page()).contains("&lt;b&gt;hi&lt;/b&gt;").doesNotContain("<b>");
        assertThatThrownBy(() -> context.config().set("PLUGIN_SAMPLE_GREETING", "x".repeat(41)))
                .hasMessageContaining("at most 40 characters");
    }

    @Test
    void theCommandGreetsWithTheConfiguredWord() {
        context.withConfig("PLUGIN_SAMPLE_GREETING", "howdy").withCliMode(true);
        PrintStream previous = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream(); // the command prints with System.out
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new SampleCommand(context).command()).execute("--name", "ada");
        } finally {
            System.setOut(previous);
        }
        assertThat(code).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("howdy, ada", "cli true");
    }
}
