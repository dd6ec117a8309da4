package org.sregistry.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.ConfigOption;
import org.sregistry.api.ConfigOption.Type;

class OptionTypesTest {
    private static final ConfigOption MODE = ConfigOption.builder("PLUGIN_X_MODE", Type.CHOICE)
            .choices("auto", "guest", "off").defaultValue("auto").build();
    private static final ConfigOption HOOK = ConfigOption.builder("PLUGIN_X_HOOK", Type.URL).build();
    private static final ConfigOption ROOT = ConfigOption.builder("PLUGIN_X_ROOT", Type.DIRECTORY_URL).build();

    @TempDir
    Path dir;

    @Test
    void aChoiceIsOneOfItsWords() {
        assertThat(OptionTypes.problem(MODE, " guest ")).isEmpty();
        assertThat(OptionTypes.problem(MODE, "Guest")).contains("expected one of auto, guest, off");
        assertThat(OptionTypes.problem(MODE, "sometimes")).contains("expected one of auto, guest, off");
    }

    @Test
    void urlsAreAcceptedWithOrWithoutATrailingSlash() {
        for (ConfigOption option : List.of(HOOK, ROOT)) {
            assertThat(OptionTypes.problem(option, "https://hooks.example.org/x")).isEmpty();
            assertThat(OptionTypes.problem(option, "https://hooks.example.org/x/")).isEmpty();
            assertThat(OptionTypes.problem(option, "ftp://hooks.example.org/")).isPresent();
            assertThat(OptionTypes.problem(option, "/relative")).isPresent();
        }
    }

    @Test
    void aDirectoryUrlIsReadWithItsSlashFromEveryLayerAndAUrlAsWritten() {
        LayeredConfig config = new LayeredConfig(new ConfigFile(dir.resolve("registry.properties")),
                Map.of("PLUGIN_X_ROOT", "https://api.example.org/v1"), Map.of());
        config.declare("x", List.of(HOOK, ROOT));
        config.saveFromAdmin("PLUGIN_X_HOOK", "https://hooks.example.org/x");

        assertThat(config.find("PLUGIN_X_ROOT")).contains("https://api.example.org/v1/");
        assertThat(config.resolve("PLUGIN_X_ROOT").source()).isEqualTo(ConfigSource.ENV);
        assertThat(config.find("PLUGIN_X_HOOK")).contains("https://hooks.example.org/x");
    }

    @Test
    void aSaveThatChangesAValueIsAnnouncedWithItsOwner() {
        LayeredConfig config = new LayeredConfig(new ConfigFile(dir.resolve("registry.properties")), Map.of(),
                Map.of());
        config.declare("x", List.of(MODE, HOOK));
        List<String> heard = new ArrayList<>();
        config.addSaveListener((owner, key) -> heard.add(owner + ":" + key));
        config.addSaveListener((owner, key) -> {
            throw new IllegalStateException("a broken listener does not undo the save");
        });

        config.saveFromAdmin("PLUGIN_X_MODE", "guest");
        config.saveFromAdmin("PLUGIN_X_MODE", "guest");       // no change
        config.saveFromAdmin("PLUGIN_X_HOOK", "https://hooks.example.org/");
        config.saveFromAdmin("PLUGIN_X_MODE", "auto");        // the default again, saved: a change of value
        config.saveFromAdmin("UNDECLARED_KEY", "1");

        assertThat(heard).containsExactly("x:PLUGIN_X_MODE", "x:PLUGIN_X_HOOK", "x:PLUGIN_X_MODE",
                "null:UNDECLARED_KEY");
        assertThat(config.find("PLUGIN_X_MODE")).contains("auto");
    }
}
