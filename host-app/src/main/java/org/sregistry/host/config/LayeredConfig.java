package org.sregistry.host.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sregistry.api.ConfigOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's configuration: {@code defaults < config file < environment < flags}. Values
 * saved from the admin page go into the config file (so one file tells the truth); this process
 * remembers which keys it saved there to show them as "admin page".
 *
 * <p>Options are declared by an owner (the host or a plugin id); undeclared keys still resolve
 * from file, environment and flags, without default or validation. A saved change is announced to the
 * {@link #addSaveListener listeners} with its owner.
 */
public final class LayeredConfig {
    private static final Logger LOG = LoggerFactory.getLogger(LayeredConfig.class);

    private final ConfigFile file;
    private final Map<String, String> env;
    private final Map<String, String> flags;
    private final Map<String, ConfigOption> options = new ConcurrentHashMap<>();
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Set<String> savedByAdmin = ConcurrentHashMap.newKeySet();
    private final List<String> order = new ArrayList<>();
    private final List<SaveListener> saveListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Hears of values saved from the admin page (or a plugin's {@code set}) that changed what a key resolves to. */
    @FunctionalInterface
    public interface SaveListener {
        /**
         * @param owner the option's owner (a plugin id, or the host), or null for an undeclared key
         * @param key   the key whose resolved value changed
         */
        void saved(String owner, String key);
    }

    public LayeredConfig(ConfigFile file, Map<String, String> env, Map<String, String> flags) {
        this.file = file;
        this.env = Map.copyOf(env);
        this.flags = new ConcurrentHashMap<>(flags);
    }

    /** The config file. */
    public ConfigFile file() {
        return file;
    }

    /** Declares the options of an owner (replacing earlier declarations of the same keys). */
    public void declare(String owner, List<ConfigOption> declared) {
        for (ConfigOption option : declared) {
            options.put(option.key(), option);
            owners.put(option.key(), owner);
            synchronized (order) {
                if (!order.contains(option.key())) {
                    order.add(option.key());
                }
            }
        }
    }

    /**
     * Forgets an owner's options (when its plugin stops): their validators and generators are
     * plugin code, and holding them would keep the plugin's class loader alive.
     */
    public void forget(String owner) {
        owners.entrySet().removeIf(e -> {
            if (e.getValue().equals(owner)) {
                options.remove(e.getKey());
                return true;
            }
            return false;
        });
    }

    /** The options an owner declared, in declaration order (the order the settings page shows). */
    public List<ConfigOption> optionsOf(String owner) {
        List<ConfigOption> result = new ArrayList<>();
        synchronized (order) {
            for (String key : order) {
                ConfigOption option = options.get(key);
                if (option != null && owner.equals(owners.get(key))) {
                    result.add(option);
                }
            }
        }
        return result;
    }

    /** Called after each saved change (on the saving thread); a listener that throws is logged. */
    public void addSaveListener(SaveListener listener) {
        saveListeners.add(listener);
    }

    /** The option declared for a key. */
    public Optional<ConfigOption> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** The value of {@code key} and its source (a directory URL with its trailing {@code /}). */
    public ResolvedValue resolve(String key) {
        ResolvedValue raw = resolveAsWritten(key);
        String value = OptionTypes.normalized(options.get(key), raw.value());
        return value == null || value.equals(raw.value()) ? raw : new ResolvedValue(key, value, raw.source());
    }

    private ResolvedValue resolveAsWritten(String key) {
        String flag = flags.get(key);
        if (flag != null) {
            return new ResolvedValue(key, flag, ConfigSource.FLAG);
        }
        String fromEnv = env.get(key);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new ResolvedValue(key, fromEnv.trim(), ConfigSource.ENV);
        }
        String fromFile = file.get(key);
        if (fromFile != null && !fromFile.isEmpty()) {
            return new ResolvedValue(key, fromFile, savedByAdmin.contains(key) ? ConfigSource.ADMIN : ConfigSource.FILE);
        }
        ConfigOption option = options.get(key);
        if (option != null && option.defaultValue() != null) {
            return new ResolvedValue(key, option.defaultValue(), ConfigSource.DEFAULT);
        }
        return new ResolvedValue(key, null, ConfigSource.DEFAULT);
    }

    /** The value of {@code key}, if any. */
    public Optional<String> find(String key) {
        return Optional.ofNullable(resolve(key).value());
    }

    /** True when the value is "true" (or yes/1/on). */
    public boolean isTrue(String key) {
        return find(key).map(OptionTypes::parseBoolean).orElse(false);
    }

    /** Sets a start-flag value (highest precedence). */
    public void setFlag(String key, String value) {
        flags.put(key, value);
    }

    /**
     * Saves a value from the admin page into the config file after validating it.
     *
     * @throws ConfigException when the value is invalid or fixed by environment or flag
     */
    public void saveFromAdmin(String key, String value) {
        ResolvedValue current = resolve(key);
        if (current.isSet() && current.source().fixedAboveFile()) {
            throw new ConfigException(key, key + " is set by the " + current.source().label()
                    + "; change it there (saving it here would not take effect)");
        }
        String normalized = value == null ? null : value.trim();
        ConfigOption option = options.get(key);
        if (normalized != null && !normalized.isEmpty() && option != null) {
            validate(option, normalized, ConfigSource.ADMIN).ifPresent(message -> {
                throw new ConfigException(key, message);
            });
        }
        if (normalized != null && normalized.isEmpty() && option != null && option.required()) {
            throw new ConfigException(key, key + " is required");
        }
        file.put(key, normalized == null || normalized.isEmpty() ? null : normalized);
        savedByAdmin.add(key);
        LOG.info("Configuration {} changed from the admin page", key);
        if (!java.util.Objects.equals(current.value(), resolve(key).value())) {
            announceSaved(key);
        }
    }

    private void announceSaved(String key) {
        String owner = owners.get(key);
        for (SaveListener listener : saveListeners) {
            try {
                listener.saved(owner, key);
            } catch (RuntimeException e) {
                LOG.warn("A listener of saved configuration failed for {}: {}", key, e.toString());
            }
        }
    }

    /**
     * Validates every option of an owner; answers key → message for each problem (missing
     * required values, type errors, validator errors), naming the value's source.
     */
    public Map<String, String> problems(String owner) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (ConfigOption option : optionsOf(owner)) {
            ResolvedValue value = resolve(option.key());
            if (!value.isSet()) {
                if (option.required()) {
                    problems.put(option.key(), option.key() + " is required but has no value");
                }
                continue;
            }
            validate(option, value.value(), value.source()).ifPresent(m -> problems.put(option.key(), m));
        }
        return problems;
    }

    /** For options with a generated default and no value: generate once and persist to the config file. */
    public void generateMissing(String owner) {
        for (ConfigOption option : optionsOf(owner)) {
            if (option.generatedDefault() != null && !resolve(option.key()).isSet()) {
                String generated = option.generatedDefault().get();
                file.put(option.key(), generated);
                LOG.info("Generated {} and saved it to {}", option.key(), file.path());
            }
        }
    }

    private static Optional<String> validate(ConfigOption option, String value, ConfigSource source) {
        return OptionTypes.problem(option, value).map(expected -> option.key() + "=" + (option.secret() ? "****" : "'" + value + "'")
                + " (from " + source.label() + ") is not valid: " + expected);
    }
}
