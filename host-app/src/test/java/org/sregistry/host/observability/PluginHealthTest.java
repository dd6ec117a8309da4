package org.sregistry.host.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sregistry.api.HealthCheck;

class PluginHealthTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger hangingRuns = new AtomicInteger();
    private final ClassLoader pluginLoader = new ClassLoader(null) { };
    private PluginHealth health;

    @AfterEach
    void stop() {
        release.countDown();
        health.close();
    }

    private static HealthCheck check(String name, HealthCheck.Result result) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                return result;
            }
        };
    }

    @Test
    void upDownThrowingAndHangingChecksAreReportedWithoutFailingTheCaller() {
        HealthCheck throwing = new HealthCheck() {
            @Override
            public String name() {
                return "throws";
            }

            @Override
            public Result check() throws Exception {
                throw new java.nio.file.AccessDeniedException("/secret/path");
            }
        };
        HealthCheck hanging = new HealthCheck() {
            @Override
            public String name() {
                return "hangs";
            }

            @Override
            public Result check() throws InterruptedException {
                hangingRuns.incrementAndGet();
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // a careless check: interrupts do not stop it
                    }
                }
                return Result.healthy("late");
            }
        };
        HealthCheck loader = new HealthCheck() {
            @Override
            public String name() {
                return "loader";
            }

            @Override
            public Result check() {
                return Thread.currentThread().getContextClassLoader() == pluginLoader ? Result.healthy("plugin's")
                        : Result.unhealthy("not the plugin's loader");
            }
        };
        health = new PluginHealth(() -> List.of(new PluginHealth.PluginChecks("demo", pluginLoader, List.of(
                check("up", HealthCheck.Result.healthy("fine")), check("down", HealthCheck.Result.unhealthy("broken")),
                throwing, hanging, loader))));

        List<PluginHealth.Outcome> first = health.check();
        List<PluginHealth.Outcome> second = health.check();

        assertThat(first).containsExactly(
                new PluginHealth.Outcome("demo", "up", true, "fine"),
                new PluginHealth.Outcome("demo", "down", false, "broken"),
                new PluginHealth.Outcome("demo", "throws", false, "the check failed: AccessDeniedException"),
                new PluginHealth.Outcome("demo", "hangs", false, "no answer within 2 s"),
                new PluginHealth.Outcome("demo", "loader", true, "plugin's"));
        assertThat(second).isEqualTo(first);
        assertThat(hangingRuns).as("a hanging check is not started again").hasValue(1);
    }
}
