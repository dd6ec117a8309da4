package org.sregistry.host.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the reactor builds the test plugins (host-app's ITs run after them). */
public final class TestPlugins {
    private TestPlugins() {
    }

    /** The sample plugin jar: one of each extension. */
    public static Path sample() {
        return existing(Path.of("../test-plugins/sample-plugin/target/sample-plugin.jar"));
    }

    /** The sample plugin's sources built as version 2.0.0 (same id, {@code sample}), for upgrades. */
    public static Path sampleV2() {
        return existing(Path.of("../test-plugins/sample-plugin-v2/target/sample-plugin-2.0.0.jar"));
    }

    /** The failing plugin jar: its start() throws. */
    public static Path failing() {
        return existing(Path.of("../test-plugins/failing-plugin/target/failing-plugin.jar"));
    }

    private static Path existing(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build the reactor (mvn -B verify)");
        }
        return jar;
    }
}
