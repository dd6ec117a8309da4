package org.sregistry.host.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An HTTP client for tests: anonymous, HTTP Basic (scripts) or a logged-in browser session that
 * sends the CSRF token with its forms. Redirects are not followed so tests can assert them.
 */
public final class RegistryClient {
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");

    private final URI base;
    private final HttpClient http;
    private final String authorization;
    private String csrfToken = "";

    RegistryClient(URI base, String authorization) {
        this(base, authorization, HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build());
    }

    private RegistryClient(URI base, String authorization, HttpClient http) {
        this.base = base;
        this.authorization = authorization;
        this.http = http;
    }

    /** The same browser (its cookies and CSRF token) pointed at {@code newBase}, e.g. a restarted server's port. */
    public RegistryClient at(URI newBase) {
        RegistryClient moved = new RegistryClient(newBase, authorization, http);
        moved.csrfToken = csrfToken;
        return moved;
    }

    /** A client sending HTTP Basic credentials. */
    public static RegistryClient basic(URI base, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new RegistryClient(base, "Basic " + token);
    }

    /** A client sending a bearer token. */
    static RegistryClient bearer(URI base, String token) {
        return new RegistryClient(base, "Bearer " + token);
    }

    /** Logs in through the form; afterwards forms carry the session's CSRF token. */
    public RegistryClient login(String user, String password) {
        HttpResponse<String> response = form("/login", Map.of("username", user, "password", password, "next", "/"));
        if (response.statusCode() != 303) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
        refreshCsrf();
        return this;
    }

    /** Reads the CSRF token from the home page's meta tag. */
    public String refreshCsrf() {
        Matcher m = CSRF_META.matcher(get("/").body());
        csrfToken = m.find() ? m.group(1) : "";
        return csrfToken;
    }

    /** The session's CSRF token (after {@link #login}). */
    public String csrfToken() {
        return csrfToken;
    }

    /** GET. */
    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** POST a form; adds {@code _csrf} when logged in. */
    public HttpResponse<String> form(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (!csrfToken.isEmpty()) {
            all.putIfAbsent("_csrf", csrfToken);
        }
        return formWithoutCsrf(path, all);
    }

    /** POST a form exactly as given (to test CSRF rejection). */
    public HttpResponse<String> formWithoutCsrf(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POST JSON. */
    public HttpResponse<String> postJson(String path, String json) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (!csrfToken.isEmpty()) {
            builder.header("X-CSRF-Token", csrfToken);
        }
        return send(builder);
    }

    /** A request builder for {@code path} with this client's credentials. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    /** Sends a request, answering the body as a string. */
    public HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request, answering the body as bytes. */
    public HttpResponse<byte[]> sendBytes(HttpRequest.Builder builder) {
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's base URI. */
    public URI base() {
        return base;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
