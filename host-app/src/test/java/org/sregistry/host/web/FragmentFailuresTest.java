package org.sregistry.host.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.sregistry.host.testkit.ShiftableClock;

/** A fragment that throws on every page view is counted every time and logged rarely. */
class FragmentFailuresTest {
    private final ShiftableClock clock = ShiftableClock.startingAt(Instant.parse("2026-12-01T10:00:00Z"));
    private final FragmentFailures failures = new FragmentFailures(clock);
    private final Logger logger = (Logger) LoggerFactory.getLogger(FragmentFailures.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void everyFailureCountsTheFirstIsLoggedWithItsTraceThenOneLinePerPeriod() {
        for (int i = 0; i < 5; i++) {
            failures.record("sample", "home.panels", new IllegalStateException("boom " + i));
        }
        failures.record("sample", "nav", new IllegalStateException("nav boom"));
        assertThat(failures.of("sample")).extracting(FragmentFailures.Failure::slot, FragmentFailures.Failure::count,
                FragmentFailures.Failure::lastError).containsExactly(
                org.assertj.core.groups.Tuple.tuple("home.panels", 5L, "IllegalStateException: boom 4"),
                org.assertj.core.groups.Tuple.tuple("nav", 1L, "IllegalStateException: nav boom"));
        assertThat(logged.list).hasSize(2).allMatch(e -> e.getThrowableProxy() != null);

        clock.advance(FragmentFailures.LOG_EVERY.minus(Duration.ofSeconds(1)));
        failures.record("sample", "home.panels", new IllegalStateException("boom 5"));
        assertThat(logged.list).as("within the period: counted, not logged").hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        failures.record("sample", "home.panels", new IllegalStateException("boom 6"));
        assertThat(logged.list).hasSize(3);
        ILoggingEvent summary = logged.list.get(2);
        assertThat(summary.getThrowableProxy()).as("no stack trace after the first").isNull();
        assertThat(summary.getFormattedMessage()).isEqualTo("Plugin sample failed to render slot home.panels 6 more"
                + " times since the last report; last: IllegalStateException: boom 6");
    }

    @Test
    void aStoppedPluginsFailuresAreForgotten() {
        failures.record("sample", "nav", new IllegalStateException("x"));
        failures.record("other", "nav", new IllegalStateException("y"));
        failures.forget("sample");
        assertThat(failures.of("sample")).isEmpty();
        assertThat(failures.of("other")).hasSize(1);
    }
}
