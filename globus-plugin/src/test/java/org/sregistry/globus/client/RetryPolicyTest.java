package org.sregistry.globus.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy midpoint = new RetryPolicy(5, Duration.ofSeconds(10), d -> { }, () -> 0.5);

    @Test
    void backoffIsJitteredExponentialAndCapped() {
        // (0.25 + 0.5*0.5) * 2^attempt = 0.5, 1, 2, 4, 8 s
        assertThat(midpoint.delayAfterStatus(0, 500, null, null, false)).contains(Duration.ofMillis(500));
        assertThat(midpoint.delayAfterStatus(1, 502, null, null, false)).contains(Duration.ofSeconds(1));
        assertThat(midpoint.delayAfterStatus(4, 504, null, null, false)).contains(Duration.ofSeconds(8));
        RetryPolicy high = new RetryPolicy(10, Duration.ofSeconds(10), d -> { }, () -> 0.99);
        assertThat(high.delayAfterStatus(6, 500, null, null, false)).contains(Duration.ofSeconds(10));
    }

    @Test
    void jitterStaysWithinQuarterToThreeQuartersTimesPowerOfTwo() {
        RetryPolicy low = new RetryPolicy(5, Duration.ofSeconds(10), d -> { }, () -> 0.0);
        RetryPolicy top = new RetryPolicy(5, Duration.ofSeconds(10), d -> { }, () -> 0.999999);
        assertThat(low.delayAfterNetworkError(2)).contains(Duration.ofSeconds(1));
        assertThat(top.delayAfterNetworkError(2)).contains(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterHonouredFor429And503OnlyWhenInteger() {
        assertThat(midpoint.delayAfterStatus(0, 429, "3", null, true)).contains(Duration.ofSeconds(3));
        assertThat(midpoint.delayAfterStatus(0, 503, "2", null, true)).contains(Duration.ofSeconds(2));
        assertThat(midpoint.delayAfterStatus(0, 503, "60", null, true)).contains(Duration.ofSeconds(10));
        assertThat(midpoint.delayAfterStatus(0, 429, "Wed, 21 Oct 2015 07:28:00 GMT", null, true))
                .contains(Duration.ofMillis(500));
        assertThat(midpoint.delayAfterStatus(0, 502, "3", null, false)).contains(Duration.ofMillis(500));
    }

    @Test
    void atMostFiveRetries() {
        assertThat(midpoint.delayAfterStatus(4, 503, null, null, true)).isPresent();
        assertThat(midpoint.delayAfterStatus(5, 503, null, null, true)).isEmpty();
        assertThat(midpoint.delayAfterNetworkError(5)).isEmpty();
    }

    @Test
    void clientErrorsAndTransferStorageErrorsAreFinal() {
        assertThat(midpoint.delayAfterStatus(0, 400, null, "ClientError.BadRequest", true)).isEmpty();
        assertThat(midpoint.delayAfterStatus(0, 401, null, null, true)).isEmpty();
        assertThat(midpoint.delayAfterStatus(0, 404, null, "EndpointNotFound", true)).isEmpty();
        assertThat(midpoint.delayAfterStatus(0, 502, null, "ExternalError.MkdirFailed.Exists", true)).isEmpty();
        assertThat(midpoint.delayAfterStatus(0, 502, null, "EndpointError", true)).isEmpty();
        assertThat(midpoint.delayAfterStatus(0, 500, null, "ExternalError.DirListingFailed", true)).isEmpty();
        // not Transfer: the exemption does not apply; 503 is always retried
        assertThat(midpoint.delayAfterStatus(0, 502, null, "ExternalError.X", false)).isPresent();
        assertThat(midpoint.delayAfterStatus(0, 503, null, "ExternalError.X", true)).isPresent();
    }
}
