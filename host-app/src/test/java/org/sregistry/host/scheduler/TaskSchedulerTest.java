package org.sregistry.host.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sregistry.api.ScheduledTask;
import org.sregistry.api.TaskContext;

/** The scheduler's promises: never overlapping, "run now" never lost, stop waits for a running run. */
class TaskSchedulerTest {

    /** A task that blocks until released, counting its runs and overlaps. */
    static final class Gate implements ScheduledTask {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicBoolean overlapped = new AtomicBoolean();
        final AtomicBoolean sawStop = new AtomicBoolean();
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "gate";
        }

        @Override
        public Duration interval() {
            return Duration.ofHours(1);
        }

        @Override
        public Duration initialDelay() {
            return Duration.ZERO;
        }

        @Override
        public void run(TaskContext context) throws InterruptedException {
            if (concurrent.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            runs.incrementAndGet();
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            sawStop.set(context.stopRequested());
            concurrent.decrementAndGet();
        }
    }

    @Test
    void runNowDuringARunRunsAgainRightAfterIt() throws Exception {
        Gate gate = new Gate();
        try (TaskScheduler scheduler = new TaskScheduler(Clock.systemUTC(), new SimpleMeterRegistry())) {
            scheduler.start("p", getClass().getClassLoader(), List.of(gate));
            assertThat(gate.entered.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(scheduler.runNow("p", "gate")).isTrue();
            Thread.sleep(200); // the "run now" arrives while the first run still holds the gate
            gate.release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> gate.runs.get() == 2);
            assertThat(gate.overlapped).isFalse();
        }
    }

    @Test
    void stopWaitsForTheRunningRunAndAsksItToStop() throws Exception {
        Gate gate = new Gate();
        try (TaskScheduler scheduler = new TaskScheduler(Clock.systemUTC(), new SimpleMeterRegistry())) {
            scheduler.start("p", getClass().getClassLoader(), List.of(gate));
            assertThat(gate.entered.await(5, TimeUnit.SECONDS)).isTrue();
            new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                gate.release.countDown();
            }).start();
            long t0 = System.nanoTime();
            scheduler.stop("p");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(gate.concurrent.get()).isZero();
            assertThat(gate.sawStop).isTrue();
            assertThat(scheduler.statuses()).isEmpty();
        }
    }
}
