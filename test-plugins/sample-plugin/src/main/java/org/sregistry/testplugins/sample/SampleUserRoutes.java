package org.sregistry.testplugins.sample;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.pf4j.Extension;
import org.sregistry.api.PluginContext;
import org.sregistry.api.UserRoutes;

/** Opens the paths listed in {@code PLUGIN_SAMPLE_USER_PATHS} (comma-separated; default none) to signed-in users. */
@Extension
public class SampleUserRoutes implements UserRoutes {
    private final PluginContext context;

    public SampleUserRoutes(PluginContext context) {
        this.context = context;
    }

    @Override
    public Set<String> userPaths() {
        String value = context.config().find("PLUGIN_SAMPLE_USER_PATHS").orElse("");
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
