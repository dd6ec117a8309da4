package org.sregistry.globus.client;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The official SDK's retry rules (globus-api.md §4.3): at most {@code maxRetries} retries for connection failures
 * and 429/500/502/503/504; 429/503 honour an integer {@code Retry-After}; otherwise
 * {@code (0.25 + 0.5*rand) * 2^attempt} seconds; every sleep capped at {@code maxSleep}. For Transfer,
 * 500/502/504 whose code names an ExternalError/EndpointError are final (the storage said no; retrying won't help).
 */
public final class RetryPolicy {

    private static final Set<Integer> RETRY_STATUSES = Set.of(429, 500, 502, 503, 504);

    private final int maxRetries;
    private final Duration maxSleep;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    /** Custom policy; {@code random} yields values in [0,1). */
    public RetryPolicy(int maxRetries, Duration maxSleep, Sleeper sleeper, DoubleSupplier random) {
        this.maxRetries = maxRetries;
        this.maxSleep = maxSleep;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** The SDK defaults: 5 retries, 10 s cap, real sleeping. */
    public static RetryPolicy defaults() {
        return withSleeper(Sleeper.SYSTEM);
    }

    /** SDK defaults with another sleeper (tests). */
    public static RetryPolicy withSleeper(Sleeper sleeper) {
        return new RetryPolicy(5, Duration.ofSeconds(10), sleeper, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** No retries at all. */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Sleeper.SYSTEM, () -> 0);
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * The wait before retry number {@code attempt + 1} after an HTTP error, or empty when it must not be retried.
     *
     * @param attempt      0 for the first failure
     * @param retryAfter   the raw {@code Retry-After} header or null
     * @param transferRules apply the Transfer-only ExternalError/EndpointError exemption
     */
    public Optional<Duration> delayAfterStatus(int attempt, int status, String retryAfter, String code,
                                               boolean transferRules) {
        if (attempt >= maxRetries || !RETRY_STATUSES.contains(status)) {
            return Optional.empty();
        }
        if (status == 429 || status == 503) {
            Long seconds = integerSeconds(retryAfter);
            if (seconds != null) {
                return Optional.of(cap(Duration.ofSeconds(seconds)));
            }
            return Optional.of(backoff(attempt));
        }
        if (transferRules && code != null && (code.contains("ExternalError") || code.contains("EndpointError"))) {
            return Optional.empty();
        }
        return Optional.of(backoff(attempt));
    }

    /** The wait before the next try after a connection failure or timeout, or empty when out of attempts. */
    public Optional<Duration> delayAfterNetworkError(int attempt) {
        return attempt >= maxRetries ? Optional.empty() : Optional.of(backoff(attempt));
    }

    private Duration backoff(int attempt) {
        double seconds = (0.25 + 0.5 * random.getAsDouble()) * Math.pow(2, attempt);
        return cap(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    private Duration cap(Duration d) {
        return d.compareTo(maxSleep) > 0 ? maxSleep : d;
    }

    private static Long integerSeconds(String header) {
        if (header == null) {
            return null;
        }
        try {
            long v = Long.parseLong(header.trim());
            return v >= 0 ? v : null;
        } catch (NumberFormatException e) {
            return null; // HTTP-date and other forms are ignored, as the SDK does
        }
    }
}
