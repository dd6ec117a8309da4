package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sregistry.host.plugins.PluginRecord;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;

/**
 * Plugins installed, upgraded and removed while the server runs: by copying jars into the plugins folder (the
 * folder is watched), through {@code /api/plugins} and through the settings page. The sample plugin is built twice
 * from the same sources, as 1.0.0 and 2.0.0; its {@code lifecycle.log} ({@code PLUGIN_SAMPLE_LIFECYCLE_LOG=true})
 * records every {@code start()} and {@code stop()}.
 */
class LivePluginsIT {
    private static final Pattern VERSION = Pattern.compile("\"version\":\"([^\"]+)\"");

    @Test
    void upgradingUnderLoadFailsNoRequestAndFreesTheOldClassLoader() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample())
                .config("PLUGIN_SAMPLE_ENABLED", "true").config("PLUGIN_SAMPLE_LIFECYCLE_LOG", "true").start()) {
            RegistryClient admin = registry.admin();
            assertThat(version(admin.get("/api/sample/hello"))).isEqualTo("1.0.0");
            WeakReference<ClassLoader> oldLoader = new WeakReference<>(
                    registry.server().plugins().plugin("sample").map(PluginRecord::classLoader).orElseThrow());

            AtomicBoolean running = new AtomicBoolean(true);
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            Set<String> versions = ConcurrentHashMap.newKeySet();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 4; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        HttpResponse<String> r = admin.get("/api/sample/hello");
                        statuses.merge(r.statusCode(), 1, Integer::sum);
                        if (r.statusCode() == 200) {
                            versions.add(version(r));
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(300);
            // as an administrator would: the new version copied next to the old one, in one step
            copyInAtomically(TestPlugins.sampleV2(), registry.dataDir().resolve("plugins").resolve("sample-2.0.0.jar"));
            await().atMost(Duration.ofSeconds(20)).until(() -> versions.contains("2.0.0"));
            Thread.sleep(300);
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            assertThat(statuses).as("every request answered 200 during the upgrade").containsOnlyKeys(200);
            assertThat(statuses.get(200)).isGreaterThan(20);
            assertThat(versions).containsExactlyInAnyOrder("1.0.0", "2.0.0");
            assertThat(version(admin.get("/api/sample/hello"))).isEqualTo("2.0.0");
            assertThat(admin.get("/api/plugins").body()).contains("\"id\":\"sample\",\"version\":\"2.0.0\"",
                    "\"state\":\"started\"", "\"jar\":\"sample-2.0.0.jar\"");
            assertThat(lifecycle(registry)).containsExactly("start 1.0.0", "stop 1.0.0", "start 2.0.0");
            assertThat(registry.browser().get("/settings").body()).contains("data-version=\"2.0.0\"");

            // serve a few requests so pooled threads drop request-scoped leftovers of the old application
            for (int i = 0; i < 50; i++) {
                admin.get("/api/plugins");
            }
            for (int i = 0; i < 50 && oldLoader.get() != null; i++) {
                System.gc();
                Thread.sleep(100);
            }
            assertThat(oldLoader.get()).as("the old version's class loader is collected").isNull();
        }
    }

    @Test
    void aRequestThatBeganBeforeAnUpgradeFinishesOnTheOldVersion() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample())
                .config("PLUGIN_SAMPLE_ENABLED", "true").config("PLUGIN_SAMPLE_LIFECYCLE_LOG", "true").start()) {
            RegistryClient admin = registry.admin();
            CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(
                    () -> admin.get("/api/sample/slow?ms=1500"));
            Thread.sleep(400);
            HttpResponse<String> upgrade = admin.send(admin.request("/api/plugins/sample")
                    .header("Content-Type", "application/java-archive")
                    .PUT(HttpRequest.BodyPublishers.ofFile(TestPlugins.sampleV2())));
            assertThat(upgrade.statusCode()).as(upgrade.body()).isEqualTo(200);
            assertThat(upgrade.body()).contains("\"version\":\"2.0.0\"", "\"state\":\"started\"");

            // the old request loads a class for the first time after the upgrade: the old loader is still open
            HttpResponse<String> finished = slow.get(30, TimeUnit.SECONDS);
            assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
            assertThat(finished.body()).contains("\"version\":\"1.0.0\"", "\"late\":\"late\"");
            assertThat(version(admin.get("/api/sample/hello"))).isEqualTo("2.0.0");
        }
    }

    @Test
    void aRemovedJarUnloadsAndAReAddedOneStartsAgain() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample())
                .config("PLUGIN_SAMPLE_ENABLED", "true").config("PLUGIN_SAMPLE_LIFECYCLE_LOG", "true").start()) {
            RegistryClient admin = registry.admin();
            Path plugins = registry.dataDir().resolve("plugins");
            assertThat(admin.get("/api/sample/hello").statusCode()).isEqualTo(200);

            // deleted by hand: the watch sees it
            Files.delete(plugins.resolve("sample-plugin.jar"));
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/sample/hello").statusCode() == 404);
            assertThat(admin.get("/api/plugins").body()).doesNotContain("\"id\":\"sample\"");
            assertThat(registry.server().scheduler().statuses()).allMatch(t -> t.pluginId().equals("host"));

            // a newer jar under another name: nothing remembers the file that is gone
            copyInAtomically(TestPlugins.sampleV2(), plugins.resolve("sample-2.0.0.jar"));
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/sample/hello").statusCode() == 200);
            assertThat(version(admin.get("/api/sample/hello"))).isEqualTo("2.0.0");

            // removed through the API, added again through the API: its enable flag stayed
            HttpResponse<String> removed = admin.send(admin.request("/api/plugins/sample").DELETE());
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
            assertThat(admin.get("/api/sample/hello").statusCode()).isEqualTo(404);
            assertThat(jarsIn(plugins)).isEmpty();
            HttpResponse<String> added = admin.send(admin.request("/api/plugins/sample")
                    .PUT(HttpRequest.BodyPublishers.ofFile(TestPlugins.sample())));
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(added.headers().firstValue("Location")).hasValue("/api/plugins/sample");
            assertThat(version(admin.get("/api/sample/hello"))).isEqualTo("1.0.0");
            assertThat(jarsIn(plugins)).containsExactly("sample.jar");

            assertThat(lifecycle(registry)).containsExactly("start 1.0.0", "stop 1.0.0", "start 2.0.0", "stop 2.0.0",
                    "start 1.0.0");
            assertThat(Files.readString(registry.server().logFile())).doesNotContain("already loaded from");
        }
    }

    @Test
    void aJarOverwrittenWhileDisabledRunsTheNewCodeOnceEnabled() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).start()) {
            RegistryClient admin = registry.admin();
            assertThat(admin.get("/api/plugins").body()).contains("\"version\":\"1.0.0\"", "\"state\":\"disabled\"");
            // the same file name, new contents
            copyInAtomically(TestPlugins.sampleV2(), registry.dataDir().resolve("plugins").resolve("sample-plugin.jar"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> admin.get("/api/plugins").body().contains("\"version\":\"2.0.0\""));
            registry.server().plugins().setEnabled("sample", true);
            assertThat(version(admin.get("/api/sample/hello"))).isEqualTo("2.0.0");
        }
    }

    @Test
    void aJarStillBeingWrittenIsNotLoadedUntilItIsComplete() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().config("PLUGIN_SAMPLE_ENABLED", "true")
                .config("PLUGIN_SAMPLE_LIFECYCLE_LOG", "true").start()) {
            RegistryClient admin = registry.admin();
            byte[] jar = Files.readAllBytes(TestPlugins.sample());
            Path target = registry.dataDir().resolve("plugins").resolve("sample.jar");
            // a slow copy: a piece every 200 ms for about three seconds, longer than the settle time
            int pieces = 15;
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                for (int i = 0; i < pieces; i++) {
                    int from = jar.length * i / pieces;
                    int to = jar.length * (i + 1) / pieces;
                    out.write(jar, from, to - from);
                    out.flush();
                    assertThat(admin.get("/api/plugins").body()).as("listed while being written")
                            .doesNotContain("\"id\":\"sample");
                    Thread.sleep(200);
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/sample/hello").statusCode() == 200);
            assertThat(lifecycle(registry)).containsExactly("start 1.0.0");
            assertThat(Files.readString(registry.server().logFile())).doesNotContain("is not a valid plugin");
        }
    }

    @Test
    void theApiInstallsUpgradesTogglesAndRemoves() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().start()) {
            RegistryClient admin = registry.admin();
            HttpResponse<String> installed = putJar(admin, "/api/plugins/sample?enabled=true", TestPlugins.sample());
            assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
            assertThat(installed.body()).contains("\"version\":\"1.0.0\"", "\"state\":\"started\"", "\"enabled\":true");

            HttpResponse<String> upgraded = putJar(admin, "/api/plugins/sample", TestPlugins.sampleV2());
            assertThat(upgraded.statusCode()).as(upgraded.body()).isEqualTo(200);
            assertThat(upgraded.body()).contains("\"version\":\"2.0.0\"", "\"state\":\"started\"");
            assertThat(jarsIn(registry.dataDir().resolve("plugins"))).containsExactly("sample.jar");

            String token = registry.adminToken("deploy");
            RegistryClient script = registry.withToken(token);
            HttpResponse<String> off = script.send(script.request("/api/plugins/sample")
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"enabled\": false}")));
            assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
            assertThat(off.body()).contains("\"state\":\"disabled\"", "\"enabled\":false");
            assertThat(admin.get("/api/sample/hello").statusCode()).isEqualTo(404);
            HttpResponse<String> on = script.send(script.request("/api/plugins/sample")
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"enabled\": true}")));
            assertThat(on.body()).contains("\"state\":\"started\"");
            assertThat(admin.get("/api/plugins/sample").body()).contains("\"version\":\"2.0.0\"");

            // mistakes: 4xx JSON naming the problem, nothing changed
            HttpResponse<String> wrongId = putJar(admin, "/api/plugins/other", TestPlugins.sample());
            assertThat(wrongId.statusCode()).isEqualTo(400);
            assertThat(wrongId.body()).contains("\"error\":\"plugin_id_mismatch\"", "the jar is plugin 'sample', not 'other'");
            HttpResponse<String> notAJar = admin.send(admin.request("/api/plugins/sample")
                    .PUT(HttpRequest.BodyPublishers.ofString("not a jar")));
            assertThat(notAJar.statusCode()).isEqualTo(400);
            assertThat(notAJar.body()).contains("\"error\":\"invalid_plugin_jar\"").doesNotContain("Exception:");
            HttpResponse<String> badToggle = admin.send(admin.request("/api/plugins/sample")
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(badToggle.statusCode()).isEqualTo(400);
            HttpResponse<String> badFlag = putJar(admin, "/api/plugins/sample?enabled=maybe", TestPlugins.sample());
            assertThat(badFlag.statusCode()).isEqualTo(400);
            assertThat(admin.send(admin.request("/api/plugins/nope").DELETE()).body())
                    .contains("\"error\":\"not_found\"", "no plugin with id nope");
            assertThat(jarsIn(registry.dataDir().resolve("plugins"))).containsExactly("sample.jar");
            assertThat(version(admin.get("/api/sample/hello"))).isEqualTo("2.0.0");

            registry.createUser("bob", org.sregistry.host.users.Role.USER, "bob-password-123");
            assertThat(registry.as("bob", "bob-password-123").send(registry.as("bob", "bob-password-123")
                    .request("/api/plugins/sample").DELETE()).statusCode()).isEqualTo(403);

            assertThat(admin.send(admin.request("/api/plugins/sample").DELETE()).statusCode()).isEqualTo(204);
            assertThat(admin.get("/api/plugins").body()).isEqualTo("[]");
            assertThat(admin.get("/api/audit?limit=100").body()).contains("plugin.install", "plugin.upgrade",
                    "plugin.disable", "plugin.remove");
        }
    }

    @Test
    void theSettingsPageInstallsAndRemoves() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().start()) {
            RegistryClient browser = registry.browser();
            assertThat(browser.get("/settings").body()).contains("id=\"plugin-install\"");
            // what the page's upload script sends: the jar as body, the CSRF token in a header
            HttpResponse<String> uploaded = browser.send(browser.request("/settings/plugins/install")
                    .header("Content-Type", "application/java-archive").header("X-CSRF-Token", browser.csrfToken())
                    .POST(HttpRequest.BodyPublishers.ofFile(TestPlugins.sampleV2())));
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
            assertThat(uploaded.body()).contains("\"id\":\"sample\"", "\"version\":\"2.0.0\"");
            // a small body: the refusal comes before the body is read, and with a whole jar still being sent the
            // client may see the connection closed instead of the answer
            HttpResponse<String> forged = browser.send(browser.request("/settings/plugins/install")
                    .header("Content-Type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'P', 'K', 3, 4})));
            assertThat(forged.statusCode()).as("no CSRF token").isEqualTo(403);

            String page = browser.get("/settings?plugin=installed").body();
            assertThat(page).contains("The plugin jar is installed", "id=\"plugin-sample\"", "data-version=\"2.0.0\"",
                    "sample.jar", "action=\"/settings/plugins/sample/remove\"");
            HttpResponse<String> removed = browser.form("/settings/plugins/sample/remove", Map.of());
            assertThat(removed.statusCode()).isEqualTo(200);
            assertThat(removed.body()).contains("Plugin sample is removed.").doesNotContain("id=\"plugin-sample\"");
        }
    }

    private static HttpResponse<String> putJar(RegistryClient client, String path, Path jar) throws Exception {
        return client.send(client.request(path).header("Content-Type", "application/java-archive")
                .PUT(HttpRequest.BodyPublishers.ofFile(jar)));
    }

    /** Copies to a hidden temporary file in the folder, then renames it: the jar appears whole. */
    private static void copyInAtomically(Path jar, Path target) throws Exception {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<String> jarsIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> lifecycle(RegistryExtension registry) throws Exception {
        Path log = registry.dataDir().resolve("plugin-data").resolve("sample").resolve("lifecycle.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static String version(HttpResponse<String> response) {
        Matcher m = VERSION.matcher(response.body());
        return m.find() ? m.group(1) : "none (" + response.statusCode() + ")";
    }
}
