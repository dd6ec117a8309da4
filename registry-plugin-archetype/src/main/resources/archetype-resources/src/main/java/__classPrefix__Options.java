#set( $KEY = $pluginId.toUpperCase().replace("-", "_") )
package ${package};

import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;
import org.sregistry.api.ConfigContributor;
import org.sregistry.api.ConfigOption;

/**
 * The plugin's options: shown and edited on /settings, set in registry.properties or the environment, and checked
 * (type, then validator) before the plugin starts. Read them when needed rather than caching them: an administrator
 * may change one while the server runs.
 */
@Extension
public class ${classPrefix}Options implements ConfigContributor {
    /** What the page, the API and the command say. */
    public static final String GREETING = "PLUGIN_${KEY}_GREETING";
    /** Seconds between two runs of the task. */
    public static final String INTERVAL_SECONDS = "PLUGIN_${KEY}_INTERVAL_SECONDS";

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.builder(GREETING, ConfigOption.Type.STRING).defaultValue("Hello")
                        .description("What the ${pluginId} page says.")
                        .validator(v -> v.isBlank() || v.length() > 40
                                ? Optional.of("1 to 40 characters") : Optional.empty())
                        .build(),
                ConfigOption.builder(INTERVAL_SECONDS, ConfigOption.Type.INTEGER).defaultValue("60")
                        .description("Seconds between two runs of the ${pluginId}-tick task.")
                        .validator(v -> {
                            int seconds = Integer.parseInt(v.trim());
                            return seconds >= 1 && seconds <= 86_400
                                    ? Optional.empty() : Optional.of("between 1 and 86400 seconds");
                        })
                        .build());
    }
}
