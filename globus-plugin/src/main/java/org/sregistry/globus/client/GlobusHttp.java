package org.sregistry.globus.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends {@link ApiCall}s: bearer token, timeout, retries per {@link RetryPolicy}, one refresh-and-retry on 401,
 * and error bodies turned into {@link GlobusApiException}. Logs method, path, status and request_id only —
 * never tokens, codes or bodies. Stateless apart from the shared config, so thread-safe.
 */
final class GlobusHttp {

    private static final Logger LOG = LoggerFactory.getLogger(GlobusHttp.class);

    private final GlobusClientConfig config;

    GlobusHttp(GlobusClientConfig config) {
        this.config = config;
    }

    /** Runs the call; returns the JSON body of the 2xx answer (NullNode when empty). */
    JsonNode send(ApiCall call, AccessTokenManager tokens) {
        RetryPolicy policy = config.retryPolicy();
        boolean refreshedAfter401 = false;
        int attempt = 0;
        while (true) {
            String token = call.resourceServer() == null ? null : tokens.accessToken(call.resourceServer());
            HttpResponse<String> response;
            try {
                response = config.httpClient().send(build(call, token), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                Optional<Duration> delay = call.retry() ? policy.delayAfterNetworkError(attempt) : Optional.empty();
                LOG.warn("Globus {} {} failed without answer ({}){}", call.method(), call.logPath(),
                        e.getClass().getSimpleName(), delay.map(d -> "; retrying in " + d.toMillis() + " ms").orElse(""));
                if (delay.isEmpty()) {
                    throw GlobusApiException.network(call.method(), call.logPath(), e);
                }
                sleep(policy, delay.get(), call);
                attempt++;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw GlobusApiException.network(call.method(), call.logPath(), e);
            }

            int status = response.statusCode();
            String body = response.body();
            if (status >= 200 && status < 300) {
                JsonNode json = parse(body, call);
                LOG.debug("Globus {} {} -> {}{}", call.method(), call.logPath(), status, requestIdSuffix(json));
                return json;
            }
            GlobusApiException error = ErrorBodies.toException(status, body, call.method(), call.logPath(), false);
            LOG.debug("Globus {} {} -> {} {}{}", call.method(), call.logPath(), status, error.code(),
                    error.requestId() == null ? "" : " request_id=" + error.requestId());
            if (error.credentialsRefused() && token != null && !refreshedAfter401) {
                // Once per request: the token may have been revoked or expired early; refresh and try again.
                refreshedAfter401 = true;
                if (tokens.refreshAfterUnauthorized(call.resourceServer(), token).isPresent()) {
                    LOG.info("Globus {} {} -> 401; refreshed the {} token, retrying once", call.method(),
                            call.logPath(), call.resourceServer());
                    continue;
                }
            }
            Optional<Duration> delay = call.retry()
                    ? policy.delayAfterStatus(attempt, status, response.headers().firstValue("Retry-After").orElse(null),
                    error.code(), call.transferRules())
                    : Optional.empty();
            if (delay.isEmpty()) {
                throw error;
            }
            LOG.warn("Globus {} {} -> {} {} (request_id={}); retry {} of {} in {} ms", call.method(), call.logPath(),
                    status, error.code(), error.requestId(), attempt + 1, policy.maxRetries(), delay.get().toMillis());
            sleep(policy, delay.get(), call);
            attempt++;
        }
    }

    /**
     * Sends a call exactly once (Auth token and revoke calls are never retried: a replayed refresh grant could burn a
     * rotated refresh token). With {@code loginRequiredOnOAuthError}, a 400/401 {@code invalid_grant} becomes a
     * {@link LoginRequiredException}.
     */
    JsonNode sendOnce(ApiCall call, boolean loginRequiredOnOAuthError) {
        HttpResponse<String> response;
        try {
            response = config.httpClient().send(build(call, null), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warn("Globus {} {} failed without answer ({})", call.method(), call.logPath(),
                    e.getClass().getSimpleName());
            throw GlobusApiException.network(call.method(), call.logPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GlobusApiException.network(call.method(), call.logPath(), e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            LOG.debug("Globus {} {} -> {}", call.method(), call.logPath(), status);
            return parse(response.body(), call);
        }
        boolean loginRequired = loginRequiredOnOAuthError && (status == 400 || status == 401)
                && isInvalidGrant(response.body());
        GlobusApiException error = ErrorBodies.toException(status, response.body(), call.method(), call.logPath(),
                loginRequired);
        LOG.debug("Globus {} {} -> {} {}", call.method(), call.logPath(), status, error.code());
        throw error;
    }

    private static boolean isInvalidGrant(String body) {
        try {
            JsonNode json = GlobusJson.mapper().readTree(body == null ? "" : body);
            return json != null && "invalid_grant".equals(json.path("error").asText(null));
        } catch (IOException e) {
            return false;
        }
    }

    private HttpRequest build(ApiCall call, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(call.uri())
                .timeout(config.requestTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", config.userAgent());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (call.body() != null) {
            b.header("Content-Type", call.contentType());
            b.method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        } else {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private static JsonNode parse(String body, ApiCall call) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return GlobusJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new GlobusApiException(200, "InvalidResponse", "answer is not JSON", null, null,
                    call.method(), call.logPath(), null, null, e);
        }
    }

    private static String requestIdSuffix(JsonNode json) {
        JsonNode id = json.get("request_id");
        return id == null || id.isNull() ? "" : " request_id=" + id.asText();
    }

    private static void sleep(RetryPolicy policy, Duration delay, ApiCall call) {
        try {
            policy.sleeper().sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GlobusApiException.network(call.method(), call.logPath(), e);
        }
    }
}
