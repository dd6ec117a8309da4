package org.sregistry.crash;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The harness's knobs, read from system properties (the pom passes {@code crash.kills}, {@code crash.seed},
 * {@code crash.jars} and {@code crash.work}; any other {@code -Dcrash.*} given to Maven reaches the test too).
 *
 * @param seed          drives every random choice of the run (kill moments, operations, sizes, bytes)
 * @param kills         SIGKILLs to deliver
 * @param uploadWorkers threads doing uploads, replaces and deletes
 * @param jars          folder with {@code registry.jar} and {@code plugins/globus-plugin-*.jar}
 * @param work          where the run's folders go ({@code run-<seed>/} inside)
 * @param settle        how long the last start may take to finish every Globus import and clean-up
 * @param keep          keep the run's folders after a passing run (a failing run always keeps them)
 * @param jvmArgs       extra JVM options for the registry process
 * @param modes         the kill modes to draw from ({@code -Dcrash.modes=quiet,busy}; default all)
 * @param environment   extra environment of the registry process, from {@code -Dcrash.env.NAME=value}; {@code {data}}
 *                      in a value stands for the data dir (e.g. {@code REGISTRY_DATABASE_URL} for another database)
 */
record CrashSettings(long seed, int kills, int uploadWorkers, Path jars, Path work, Duration settle, boolean keep,
                     List<String> jvmArgs, Set<KillPlan.Mode> modes, Map<String, String> environment) {

    static CrashSettings fromSystemProperties() {
        String seedText = System.getProperty("crash.seed", "").trim();
        long seed = seedText.isEmpty() ? new SecureRandom().nextLong() & Long.MAX_VALUE : Long.parseLong(seedText);
        String extra = System.getProperty("crash.jvmArgs", "").trim();
        String modes = System.getProperty("crash.modes", "").trim();
        return new CrashSettings(seed,
                Integer.getInteger("crash.kills", 50),
                Integer.getInteger("crash.workers", 3),
                Path.of(System.getProperty("crash.jars", "target/it-jars")).toAbsolutePath(),
                Path.of(System.getProperty("crash.work", "target/crash")).toAbsolutePath(),
                Duration.ofSeconds(Integer.getInteger("crash.settleSeconds", 90)),
                Boolean.getBoolean("crash.keep"),
                extra.isEmpty() ? List.of() : List.of(extra.split("\\s+")),
                modes.isEmpty() ? EnumSet.allOf(KillPlan.Mode.class) : Arrays.stream(modes.split(","))
                        .map(m -> KillPlan.Mode.valueOf(m.trim().toUpperCase(Locale.ROOT)))
                        .collect(() -> EnumSet.noneOf(KillPlan.Mode.class), Set::add, Set::addAll),
                environmentFromProperties());
    }

    private static Map<String, String> environmentFromProperties() {
        Map<String, String> env = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("crash.env."))
                .forEach(k -> env.put(k.substring("crash.env.".length()), System.getProperty(k)));
        return env;
    }
}
