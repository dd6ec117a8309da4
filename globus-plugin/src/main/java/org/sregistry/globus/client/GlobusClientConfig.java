package org.sregistry.globus.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the clients share: service roots (the client appends {@code v2/oauth2/...} and {@code v0.10/...}),
 * the native app's client id, timeouts, retry policy, clock and the one {@link HttpClient}.
 * Immutable and thread-safe; build it once and hand it to every client.
 */
public final class GlobusClientConfig {

    /** Production Globus Auth root. */
    public static final URI DEFAULT_AUTH_ROOT = URI.create("https://auth.globus.org/");
    /** Production Globus Transfer root. */
    public static final URI DEFAULT_TRANSFER_ROOT = URI.create("https://transfer.api.globus.org/");

    private final URI authRoot;
    private final URI transferRoot;
    private final String clientId;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final String userAgent;
    private final HttpClient httpClient;

    private GlobusClientConfig(Builder b) {
        this.authRoot = withSlash(b.authRoot);
        this.transferRoot = withSlash(b.transferRoot);
        this.clientId = b.clientId;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
        this.clock = b.clock;
        this.userAgent = b.userAgent;
        this.httpClient = b.httpClient != null ? b.httpClient : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A builder with production defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static URI withSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }

    public URI authRoot() {
        return authRoot;
    }

    public URI transferRoot() {
        return transferRoot;
    }

    /** Native app client id (may be null for a Transfer-only client). */
    public String clientId() {
        return clientId;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Clock clock() {
        return clock;
    }

    public String userAgent() {
        return userAgent;
    }

    /** The shared HTTP client. */
    public HttpClient httpClient() {
        return httpClient;
    }

    /** Builder for {@link GlobusClientConfig}. */
    public static final class Builder {
        private URI authRoot = DEFAULT_AUTH_ROOT;
        private URI transferRoot = DEFAULT_TRANSFER_ROOT;
        private String clientId;
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(15);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private String userAgent = "sregistry-globus-plugin/0.1 java-http-client";
        private HttpClient httpClient;

        private Builder() {
        }

        public Builder authRoot(URI root) {
            this.authRoot = Objects.requireNonNull(root);
            return this;
        }

        public Builder authRoot(String root) {
            return authRoot(URI.create(root));
        }

        public Builder transferRoot(URI root) {
            this.transferRoot = Objects.requireNonNull(root);
            return this;
        }

        public Builder transferRoot(String root) {
            return transferRoot(URI.create(root));
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** Upper bound for one HTTP exchange (each attempt). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent);
            return this;
        }

        /** Share an existing client instead of creating one. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        public GlobusClientConfig build() {
            return new GlobusClientConfig(this);
        }
    }
}
