package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sregistry.host.plugins.PluginRecord;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;

/** Toggling a plugin while requests are in flight fails none of them, and frees the plugin's class loader. */
class HotSwapIT {

    @Test
    void togglingUnderLoadFailsNoRequest() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).start()) {
            RegistryClient admin = registry.admin();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger served = new AtomicInteger();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 4; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        HttpResponse<String> r = admin.get(served.get() % 2 == 0 ? "/api/plugins" : "/health");
                        statuses.merge(r.statusCode(), 1, Integer::sum);
                        served.incrementAndGet();
                    }
                    return null;
                });
            }
            for (int i = 0; i < 20; i++) {
                registry.server().plugins().setEnabled("sample", i % 2 == 0);
            }
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(served.get()).isGreaterThan(20);
            assertThat(statuses).containsOnlyKeys(200);
        }
    }

    @Test
    void racingTogglesLeaveTheTasksOfTheRunningInstanceScheduled() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).start()) {
            var plugins = registry.server().plugins();
            ExecutorService togglers = Executors.newFixedThreadPool(2);
            for (int round = 0; round < 10; round++) {
                var off = togglers.submit(() -> plugins.setEnabled("sample", false));
                var on = togglers.submit(() -> plugins.setEnabled("sample", true));
                off.get();
                on.get();
            }
            togglers.shutdown();
            plugins.setEnabled("sample", true);
            PluginRecord running = plugins.plugin("sample").orElseThrow();
            assertThat(registry.server().scheduler().loaderOf("sample")).hasValueSatisfying(
                    loader -> assertThat(loader).isSameAs(running.classLoader()));
            int before = ticks(registry.admin());
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> ticks(registry.admin()) > before);
        }
    }

    private static int ticks(RegistryClient admin) {
        String body = admin.get("/api/sample/ticks").body();
        return Integer.parseInt(body.replaceAll("\\D+", ""));
    }

    @Test
    void disablingAPluginReleasesItsClassLoader() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
                .config("PLUGIN_SAMPLE_ENABLED", "true").start()) {
            RegistryClient admin = registry.admin();
            // exercise resources, JSON, fragments and the task so every cache has seen plugin classes
            assertThat(admin.get("/api/sample/hello").statusCode()).isEqualTo(200);
            assertThat(registry.browser().get("/").body()).contains("sample-panel");
            WeakReference<ClassLoader> loader = new WeakReference<>(
                    registry.server().plugins().plugin("sample").map(PluginRecord::classLoader).orElseThrow());
            registry.server().config().setFlag("PLUGIN_SAMPLE_ENABLED", "false");
            registry.server().plugins().applyEnablement();
            assertThat(admin.get("/api/sample/hello").statusCode()).isEqualTo(404);
            // serve a few requests so pooled threads drop request-scoped leftovers of the old application
            for (int i = 0; i < 50; i++) {
                admin.get("/api/plugins");
            }
            for (int i = 0; i < 20 && loader.get() != null; i++) {
                System.gc();
                Thread.sleep(100);
            }
            assertThat(loader.get()).as("plugin class loader collected after disable").isNull();
        }
    }
}
