package org.sregistry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sregistry.api.ConfigOption.Type;

class ConfigOptionTest {

    @Test
    void aChoiceOptionKeepsItsChoicesInOrder() {
        ConfigOption option = ConfigOption.builder("PLUGIN_X_MODE", Type.CHOICE).choices("auto", "guest", "off")
                .defaultValue("auto").build();
        assertThat(option.choices()).containsExactly("auto", "guest", "off");
    }

    @Test
    void choicesMustFitTheType() {
        assertThatThrownBy(() -> ConfigOption.builder("PLUGIN_X_MODE", Type.CHOICE).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without choices");
        assertThatThrownBy(() -> ConfigOption.builder("PLUGIN_X_MODE", Type.STRING).choices("a").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not CHOICE");
        assertThatThrownBy(() -> ConfigOption.builder("PLUGIN_X_MODE", Type.CHOICE).choices("a", "b")
                .defaultValue("c").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'c' is not one of [a, b]");
    }

    @Test
    void theShapeBeforeChoicesStillBuildsOptionsWithout() {
        ConfigOption option = new ConfigOption("PLUGIN_X_URL", Type.URL, null, "d", false, false, null, null);
        assertThat(option.choices()).isEmpty();
    }
}
