package org.sregistry.testplugins.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.pf4j.Plugin;
import org.sregistry.api.PluginContext;

/**
 * A plugin with one of each extension, for the host's integration tests. With
 * {@code PLUGIN_SAMPLE_LIFECYCLE_LOG=true}, {@code start()} and {@code stop()} append a line ({@code start 1.0.0}) to
 * {@code lifecycle.log} in the plugin's data dir, so a test can tell whether and in which order the host called them
 * (on the server only; off by default, so the data dir holds only what a test stages there);
 * {@code PLUGIN_SAMPLE_FAIL_START=true} makes {@code start()} throw.
 */
public class SamplePlugin extends Plugin {
    /** The file in the plugin's data dir that records start() and stop() calls. */
    public static final String LIFECYCLE_LOG = "lifecycle.log";
    private final PluginContext context;
    private final AtomicInteger ticks = new AtomicInteger();

    public SamplePlugin(PluginContext context) {
        this.context = context;
    }

    @Override
    public void start() {
        record("start");
        if (context.config().getBoolean("PLUGIN_SAMPLE_FAIL_START")) {
            throw new IllegalStateException("sample plugin told to fail at start");
        }
    }

    @Override
    public void stop() {
        record("stop");
    }

    private void record(String event) {
        if (context.cliMode() || !context.config().getBoolean("PLUGIN_SAMPLE_LIFECYCLE_LOG")) {
            return; // loading a plugin for its commands writes nothing into the data dir
        }
        try {
            Files.writeString(context.dataDir().resolve(LIFECYCLE_LOG), event + " " + version() + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version in this jar's plugin.properties (the same sources build 1.0.0 and 2.0.0). */
    static String version() {
        try (InputStream in = SamplePlugin.class.getResourceAsStream("/plugin.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("plugin.version");
        } catch (IOException | NullPointerException e) {
            return "unknown";
        }
    }

    PluginContext context() {
        return context;
    }

    AtomicInteger ticks() {
        return ticks;
    }
}
