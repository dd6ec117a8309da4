package org.sregistry.testplugins.sample;

import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;
import org.sregistry.api.ConfigContributor;
import org.sregistry.api.ConfigOption;

/** The sample plugin's options. */
@Extension
public class SampleOptions implements ConfigContributor {
    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.builder("PLUGIN_SAMPLE_GREETING", ConfigOption.Type.STRING).defaultValue("hello")
                        .description("What the sample says.")
                        .validator(v -> v.length() <= 40 ? Optional.empty() : Optional.of("at most 40 characters"))
                        .build(),
                ConfigOption.builder("PLUGIN_SAMPLE_LIMIT", ConfigOption.Type.INTEGER).defaultValue("10")
                        .description("A number.").build(),
                ConfigOption.builder("PLUGIN_SAMPLE_TOKEN", ConfigOption.Type.STRING).secret()
                        .description("A secret that must never be shown.").build(),
                ConfigOption.builder("PLUGIN_SAMPLE_TICK_MS", ConfigOption.Type.INTEGER).defaultValue("100")
                        .description("Task interval in ms.").build(),
                ConfigOption.builder("PLUGIN_SAMPLE_TASK_FAILS", ConfigOption.Type.BOOLEAN).defaultValue("false")
                        .description("Make the task throw.").build(),
                ConfigOption.builder("PLUGIN_SAMPLE_BREAK_UI", ConfigOption.Type.BOOLEAN).defaultValue("false")
                        .description("Make the home panel fragment throw.").build(),
                ConfigOption.builder("PLUGIN_SAMPLE_FAIL_START", ConfigOption.Type.BOOLEAN).defaultValue("false")
                        .description("Make Plugin.start() throw.").build(),
                ConfigOption.builder("PLUGIN_SAMPLE_LIFECYCLE_LOG", ConfigOption.Type.BOOLEAN).defaultValue("false")
                        .description("Record start() and stop() calls in lifecycle.log in the data dir.").build(),
                ConfigOption.builder("PLUGIN_SAMPLE_USER_PATHS", ConfigOption.Type.STRING)
                        .description("Paths opened to signed-in users, comma-separated.").build(),
                ConfigOption.builder("PLUGIN_SAMPLE_NICKNAME", ConfigOption.Type.STRING)
                        .description("Generated once.").generatedDefault(() -> "nick-" + System.nanoTime()).build(),
                ConfigOption.builder(SampleHealth.KEY, ConfigOption.Type.CHOICE)
                        .choices(SampleHealth.UP, SampleHealth.DOWN, SampleHealth.THROWS).defaultValue(SampleHealth.UP)
                        .description("What the sample's health check answers.").build(),
                ConfigOption.builder("PLUGIN_SAMPLE_SERVICE_ROOT", ConfigOption.Type.DIRECTORY_URL)
                        .defaultValue("https://sample.example.org/api")
                        .description("A service root (read with a trailing /).").build());
    }
}
