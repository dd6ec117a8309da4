package org.sregistry.globus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.client.Pkce;
import org.sregistry.globus.connection.PendingLogin;

class WebLoginsTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AtomicInteger started = new AtomicInteger();

    private PendingLogin start() {
        started.incrementAndGet();
        return new PendingLogin(Pkce.generate(), URI.create("https://auth.example/a"), now, null, null);
    }

    @Test
    void oneLoginPerSessionReusedUntilItExpires() {
        WebLogins logins = new WebLogins(clock);
        PendingLogin first = logins.current("csrf-a", this::start, l -> true);
        assertThat(logins.current("csrf-a", this::start, l -> true)).isSameAs(first);
        assertThat(logins.current("csrf-b", this::start, l -> true)).isNotSameAs(first);
        assertThat(logins.find("csrf-a")).contains(first);

        now = now.plus(PendingLogin.LIFETIME).plus(Duration.ofSeconds(1));
        assertThat(logins.find("csrf-a")).isEmpty();
        assertThat(logins.current("csrf-a", this::start, l -> true)).isNotSameAs(first);
        assertThat(started).hasValue(3);
    }

    @Test
    void aLoginThatNoLongerMatchesTheSettingsIsReplaced() {
        WebLogins logins = new WebLogins(clock);
        PendingLogin first = logins.current("csrf", this::start, l -> true);
        assertThat(logins.current("csrf", this::start, l -> false)).isNotSameAs(first);
    }

    @Test
    void boundedSoAbandonedAttemptsCostNothing() {
        WebLogins logins = new WebLogins(clock);
        for (int i = 0; i < WebLogins.MAX_PENDING + 10; i++) {
            logins.current("csrf-" + i, this::start, l -> true);
        }
        assertThat(logins.find("csrf-0")).isEmpty();
        assertThat(logins.find("csrf-" + (WebLogins.MAX_PENDING + 9))).isPresent();
    }

    @Test
    void forgetRemovesTheSessionsLogin() {
        WebLogins logins = new WebLogins(clock);
        logins.current("csrf", this::start, l -> true);
        logins.forget("csrf");
        assertThat(logins.find("csrf")).isEmpty();
    }
}
