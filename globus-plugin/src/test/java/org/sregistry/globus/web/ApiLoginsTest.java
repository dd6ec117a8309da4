package org.sregistry.globus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.client.Pkce;
import org.sregistry.globus.connection.PendingLogin;

class ApiLoginsTest {
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final ApiLogins logins = new ApiLogins(Clock.fixed(now, ZoneOffset.UTC));

    private ApiLogins.Started started(String user) {
        return new ApiLogins.Started(new PendingLogin(Pkce.generate(), URI.create("https://auth.example/a"), now,
                null, null), null, user);
    }

    @Test
    void onePersonStartingLoginsInALoopDropsOnlyTheirOwnOlderOnes() {
        String alices = logins.add(started("alice"));
        List<String> bobs = new ArrayList<>();
        for (int i = 0; i < ApiLogins.MAX_PENDING * 2; i++) {
            bobs.add(logins.add(started("bob")));
        }

        assertThat(logins.find(alices)).isPresent();
        List<String> kept = bobs.stream().filter(id -> logins.find(id).isPresent()).toList();
        assertThat(kept).containsExactlyElementsOf(bobs.subList(bobs.size() - ApiLogins.MAX_PER_CONNECTION,
                bobs.size()));
    }

    @Test
    void theServiceConnectionHasItsOwnShare() {
        String service = logins.add(started(null));
        for (int i = 0; i < ApiLogins.MAX_PER_CONNECTION; i++) {
            logins.add(started("alice"));
        }
        assertThat(logins.find(service)).isPresent();
    }
}
