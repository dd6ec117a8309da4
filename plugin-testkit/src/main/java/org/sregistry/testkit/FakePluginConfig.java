package org.sregistry.testkit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sregistry.api.ConfigOption;
import org.sregistry.api.PluginConfig;

/**
 * A {@link PluginConfig} from a map. Values resolve like the host's layers, in short: a fixed value
 * ({@link #fix}, standing for the environment or a start flag) over a set value ({@link #put} or {@link #set},
 * standing for the config file and the settings page) over the declared option's default (see {@link #declare});
 * a {@link ConfigOption#generatedDefault() generated default} is made once, on the first read, and kept, as the host
 * persists it.
 *
 * <p>{@link #set} behaves like an administrator's change on {@code /settings}: it runs the declared option's
 * validator ({@link IllegalArgumentException} with its message) and refuses a fixed key
 * ({@link IllegalStateException}). {@link #put} is the test's own back door and checks nothing. The host's type
 * checks ({@code INTEGER}, {@code URL}, ...) are not repeated here: the reading methods of {@link PluginConfig}
 * fail on a bad value the same way in both. Like the host, a {@link ConfigOption.Type#DIRECTORY_URL} value is read
 * with a trailing {@code /}, whichever way it was set.
 */
public final class FakePluginConfig implements PluginConfig {
    private final Map<String, ConfigOption> options = new LinkedHashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> fixed = new HashMap<>();

    /** An empty configuration. */
    public FakePluginConfig() {
    }

    /** Declares options (e.g. those of the plugin's {@code ConfigContributor}): their defaults and validators apply. */
    public synchronized FakePluginConfig declare(List<ConfigOption> declared) {
        declared.forEach(o -> options.put(o.key(), o));
        return this;
    }

    /** Sets a value without any check, as if it were in the config file. */
    public synchronized FakePluginConfig put(String key, String value) {
        values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Sets every entry of {@code entries} with {@link #put}. */
    public synchronized FakePluginConfig putAll(Map<String, String> entries) {
        entries.forEach(this::put);
        return this;
    }

    /** Removes a value set with {@link #put} or {@link #set} (the option's default shows again). */
    public synchronized FakePluginConfig remove(String key) {
        values.remove(key);
        return this;
    }

    /** Fixes a value, as the environment or a start flag does: it wins over every other and {@link #set} refuses it. */
    public synchronized FakePluginConfig fix(String key, String value) {
        fixed.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    @Override
    public synchronized Optional<String> find(String key) {
        ConfigOption option = options.get(key);
        return raw(key).map(v -> option != null && option.type() == ConfigOption.Type.DIRECTORY_URL
                && !v.endsWith("/") ? v + "/" : v);
    }

    private Optional<String> raw(String key) {
        if (fixed.containsKey(key)) {
            return Optional.of(fixed.get(key));
        }
        if (values.containsKey(key)) {
            return Optional.of(values.get(key));
        }
        ConfigOption option = options.get(key);
        if (option == null) {
            return Optional.empty();
        }
        if (option.defaultValue() != null) {
            return Optional.of(option.defaultValue());
        }
        if (option.generatedDefault() != null) {
            String generated = option.generatedDefault().get();
            if (generated != null) {
                values.put(key, generated);
                return Optional.of(generated);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void set(String key, String value) {
        if (fixed.containsKey(key)) {
            throw new IllegalStateException(key + " is fixed (FakePluginConfig.fix, standing for the environment or a"
                    + " start flag); change it there");
        }
        ConfigOption option = options.get(key);
        if (option != null && option.validator() != null && value != null) {
            option.validator().check(value).ifPresent(problem -> {
                throw new IllegalArgumentException(key + "='" + value + "' is not valid: " + problem);
            });
        }
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    /** The options declared with {@link #declare}, by key. */
    public synchronized Map<String, ConfigOption> options() {
        return Map.copyOf(options);
    }
}
