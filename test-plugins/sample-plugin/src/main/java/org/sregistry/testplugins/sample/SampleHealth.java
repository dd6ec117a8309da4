package org.sregistry.testplugins.sample;

import org.pf4j.Extension;
import org.sregistry.api.HealthCheck;
import org.sregistry.api.PluginContext;

/** {@code sample-check} on /health: answers as {@code PLUGIN_SAMPLE_HEALTH} says (up, down, or throws). */
@Extension
public class SampleHealth implements HealthCheck {
    static final String KEY = "PLUGIN_SAMPLE_HEALTH";
    static final String UP = "up";
    static final String DOWN = "down";
    static final String THROWS = "throws";

    private final PluginContext context;

    public SampleHealth(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "sample-check";
    }

    @Override
    public Result check() {
        return switch (context.config().find(KEY).orElse(UP)) {
            case DOWN -> Result.unhealthy("told to be down");
            case THROWS -> throw new IllegalStateException("sample check exploded at /srv/secret/path");
            default -> Result.healthy("fine");
        };
    }
}
