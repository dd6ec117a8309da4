package org.sregistry.host.plugins;

import java.util.Optional;
import org.sregistry.api.PluginConfig;
import org.sregistry.host.config.ConfigException;
import org.sregistry.host.config.LayeredConfig;
import org.sregistry.host.config.ResolvedValue;

/** A plugin's view of the layered configuration. */
public final class ScopedPluginConfig implements PluginConfig {
    private final LayeredConfig config;

    public ScopedPluginConfig(LayeredConfig config) {
        this.config = config;
    }

    @Override
    public Optional<String> find(String key) {
        return config.find(key);
    }

    @Override
    public void set(String key, String value) {
        ResolvedValue current = config.resolve(key);
        if (current.isSet() && current.source().fixedAboveFile()) {
            throw new IllegalStateException(key + " is fixed by the " + current.source().label() + "; change it there");
        }
        try {
            config.saveFromAdmin(key, value);
            if (config.option(key).map(o -> o.secret()).orElse(false)) {
                org.sregistry.host.observability.SecretMasker.register(value);
            }
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
