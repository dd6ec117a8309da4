package org.sregistry.registry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.sregistry.api.ImageName;

/**
 * A small client of the images REST API (java.net.http). Uploads stream from the file, downloads
 * stream to a temp file next to the target which is renamed into place once its digest checks out.
 */
public final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    // HTTP/1.1: a plain-http h2c upgrade buys nothing here and complicates streamed uploads.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * @param base          server root, e.g. {@code http://127.0.0.1:8080/}
     * @param authorization the Authorization header value, or null
     */
    public RegistryClient(URI base, String authorization) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.authorization = authorization;
    }

    /** {@code Bearer <token>}, or {@code Basic ...} from user and password, or null when neither is given. */
    public static String authorization(String token, String user, String password) {
        if (token != null && !token.isBlank()) {
            return "Bearer " + token.trim();
        }
        if (user != null && !user.isBlank()) {
            String pair = user + ":" + (password == null ? "" : password);
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** {@code GET /api/containers}: the parsed JSON page. */
    public JsonNode list(String query, int limit, int offset, String sort) throws IOException {
        String path = "api/containers?q=" + URLEncoder.encode(query == null ? "" : query, StandardCharsets.UTF_8)
                + "&limit=" + limit + "&offset=" + offset + "&sort=" + URLEncoder.encode(sort, StandardCharsets.UTF_8);
        return JSON.readTree(expectOk(send(request(path).GET(), HttpResponse.BodyHandlers.ofInputStream())));
    }

    /** {@code PUT /api/containers/{collection}/{name}:{tag}} streamed from {@code file}: the stored image. */
    public JsonNode push(Path file, ImageName name) throws IOException {
        String path = "api/containers/" + name.collection() + "/" + name.name() + ":" + name.tag();
        HttpRequest.Builder put = request(path).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file));
        return JSON.readTree(expectOk(send(put, HttpResponse.BodyHandlers.ofInputStream())));
    }

    /** {@code GET /api/container/{uri}}. */
    public JsonNode inspect(String uri) throws IOException {
        return JSON.readTree(expectOk(send(request("api/container/" + uri).GET(), HttpResponse.BodyHandlers.ofInputStream())));
    }

    /**
     * Downloads the image to {@code target}: streamed into a temp file in the same folder, checked
     * against the ETag digest, then renamed. Nothing is left at {@code target} on failure.
     *
     * @return the digest ({@code sha256:...}) of what was written
     */
    public String pull(String uri, Path target) throws IOException {
        HttpResponse<InputStream> response = send(request("api/container/" + uri + "/download").GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = expectOk(response);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = body; OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                in.transferTo(out);
            }
            String digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
            String etag = response.headers().firstValue("ETag").orElse("").replace("\"", "");
            if (!etag.isEmpty() && !etag.equals(digest)) {
                throw new IOException("download corrupted: got " + digest + ", server announced " + etag);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code DELETE /api/container/{uri}}. */
    public void remove(String uri) throws IOException {
        expectOk(send(request("api/container/" + uri).DELETE(), HttpResponse.BodyHandlers.ofInputStream())).close();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.net.ConnectException e) {
            throw new IOException("cannot connect to " + base + " (is the registry running?)", e);
        }
    }

    /** The body of a 2xx response; otherwise the server's error message as an exception. */
    private static InputStream expectOk(HttpResponse<InputStream> response) throws IOException {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.body();
        }
        if (status / 100 == 3) {
            // never follow: the credentials would go wherever the redirect points
            throw new RegistryClientException(status, "the server redirected to "
                    + response.headers().firstValue("Location").orElse("?")
                    + "; pass that address with --url (credentials are not sent on redirects)");
        }
        String text;
        try (InputStream in = response.body()) {
            text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
        String message = text.isBlank() ? "HTTP " + status : text.strip();
        try {
            JsonNode error = JSON.readTree(text);
            if (error != null && error.hasNonNull("message")) {
                message = error.get("message").asText();
            }
        } catch (IOException notJson) {
            // keep the raw text
        }
        throw new RegistryClientException(status, message + " (HTTP " + status + ")");
    }
}
