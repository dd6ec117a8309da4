package org.sregistry.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The registry's REST API as a script sees it: a bearer API token (HTTP Basic only to create it: every Basic request
 * costs a 210,000-round PBKDF2), JSON answers. An {@link IOException} means no answer arrived (the process was killed
 * mid-request): the caller cannot know whether the write happened.
 */
final class RegistryApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A status and its body. */
    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** A download: status, the body's SHA-256 ({@code sha256:<hex>}) and length. */
    record Download(int status, String digest, long length) {
    }

    private final HttpClient http;
    private final URI base;
    private final String authorization;

    private RegistryApi(HttpClient http, URI base, String authorization) {
        this.http = http;
        this.base = base;
        this.authorization = authorization;
    }

    /** As the administrator, by password. */
    static RegistryApi basic(HttpClient http, URI base, String password) {
        return new RegistryApi(http, base, "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** With an API token. */
    static RegistryApi bearer(HttpClient http, URI base, String token) {
        return new RegistryApi(http, base, "Bearer " + token);
    }

    /** Creates an API token the way {@code /settings} does (the page shows it once) and answers it. */
    String createToken(String name) throws IOException {
        Answer a = send(request("/settings/tokens").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + name)));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"new-token\">([^<]+)<").matcher(a.body());
        if (a.status() != 200 || !m.find()) {
            throw new IOException("creating an API token answered " + a.status() + ": " + a.body());
        }
        return m.group(1).trim();
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI base() {
        return base;
    }

    /** The OCI distribution API of the same server, with the same credentials. */
    OciApi oci() {
        return new OciApi(http, base, authorization);
    }

    /** {@code PUT /api/containers/{collection}/{name}:{tag}}. */
    Answer upload(String uri, byte[] content) throws IOException {
        return send(request("/api/containers/" + uri).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    /** {@code DELETE /api/container/{uri}}. */
    Answer delete(String uri) throws IOException {
        return send(request("/api/container/" + uri).DELETE());
    }

    Answer get(String path) throws IOException {
        return send(request(path).GET());
    }

    Answer postJson(String path, Object body) throws IOException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** The image's bytes, hashed on the way. */
    Download download(String uri) throws IOException {
        HttpResponse<byte[]> r = exchange(request("/api/container/" + uri + "/download").GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = r.body();
        return new Download(r.statusCode(), r.statusCode() == 200 ? Digests.of(body) : null, body.length);
    }

    /** Every image, page by page ({@code sort=name}, so that nothing moves between pages while nobody writes). */
    List<JsonNode> listAll() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            Answer a = get("/api/containers?limit=1000&sort=name&offset=" + offset);
            if (a.status() != 200) {
                throw new IOException("listing images answered " + a.status() + ": " + a.body());
            }
            JsonNode page = a.json();
            page.path("items").forEach(all::add);
            if (page.path("items").size() < 1000) {
                return all;
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Authorization", authorization);
    }

    private Answer send(HttpRequest.Builder request) throws IOException {
        HttpResponse<String> r = exchange(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        try {
            return http.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
