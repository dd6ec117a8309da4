package org.sregistry.host.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Build facts (version, WebJar versions) filtered into {@code registry-build.properties} by Maven. */
public final class Assets {
    private static final Properties BUILD = load();

    private Assets() {
    }

    /** The registry's version. */
    public static String version() {
        return BUILD.getProperty("version", "dev");
    }

    /** URL of htmx from its WebJar. */
    public static String htmx() {
        return "/webjars/htmx.org/" + BUILD.getProperty("htmx.version") + "/dist/htmx.min.js";
    }

    /** URL of Pico CSS from its WebJar. */
    public static String pico() {
        return "/webjars/picocss__pico/" + BUILD.getProperty("pico.version") + "/css/pico.min.css";
    }

    private static Properties load() {
        Properties props = new Properties();
        try (InputStream in = Assets.class.getResourceAsStream("/registry-build.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
