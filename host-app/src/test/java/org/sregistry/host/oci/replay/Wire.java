package org.sregistry.host.oci.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.sregistry.registry.sif.SifWriter;

/**
 * HTTP as the replayed Go clients put it on the wire: HTTP/1.1 (Go never upgrades plain http to
 * h2c), no redirects followed, exactly the headers given and nothing else of ours. What
 * java.net.http will not let a caller set (Host, Content-Length, Connection) it writes itself the
 * way Go does: Content-Length from a known body (0 for an empty PUT/POST/PATCH), chunked encoding
 * for a stream of unknown length.
 */
final class Wire {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    /** One request as sent: for asserting sequences afterwards. */
    record Exchange(String method, String url, String authorization, int status) {
    }

    private final List<Exchange> log = new ArrayList<>();

    Wire(URI base) {
        this.base = base;
    }

    /** {@code http://127.0.0.1:PORT} (no trailing slash). */
    String origin() {
        String s = base.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The service name the registry calls itself: {@code 127.0.0.1:PORT}. */
    String authority() {
        return base.getRawAuthority();
    }

    /** What was sent so far, in order. */
    synchronized List<Exchange> log() {
        return List.copyOf(log);
    }

    synchronized void clearLog() {
        log.clear();
    }

    /**
     * Sends {@code method} to {@code target} (absolute URL, or a path resolved against the server)
     * with {@code headers} (name, value, name, value, ...; a null value leaves the header out).
     */
    HttpResponse<byte[]> send(String method, String target, HttpRequest.BodyPublisher body, String... headers) {
        URI uri = target.startsWith("http") ? URI.create(target) : base.resolve(target);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        String authorization = null;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                b.header(headers[i], headers[i + 1]);
                if (headers[i].equalsIgnoreCase("Authorization")) {
                    authorization = headers[i + 1];
                }
            }
        }
        try {
            HttpResponse<byte[]> response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            synchronized (this) {
                log.add(new Exchange(method, uri.toString(), authorization, response.statusCode()));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String target, String... headers) {
        return send("GET", target, null, headers);
    }

    HttpResponse<byte[]> head(String target, String... headers) {
        return send("HEAD", target, null, headers);
    }

    /** A body of known length: Content-Length is sent. */
    static HttpRequest.BodyPublisher bytes(byte[] body) {
        return HttpRequest.BodyPublishers.ofByteArray(body);
    }

    /** A body of unknown length (an io.Reader in Go): sent with Transfer-Encoding: chunked. */
    static HttpRequest.BodyPublisher stream(byte[] body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    }

    /** An empty body: {@code Content-Length: 0}, as Go sends for a nil body on POST and PUT. */
    static HttpRequest.BodyPublisher empty() {
        return HttpRequest.BodyPublishers.noBody();
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Go's url.QueryEscape (the space case aside, which no replay sends). */
    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String digest(byte[] bytes) {
        return "sha256:" + sha256Hex(bytes);
    }

    /**
     * A real-looking SIF: SIF global header and descriptor, then a primary partition that starts
     * with the squashfs magic (Apptainer's pull refuses other payloads), pseudo-random after it.
     */
    static byte[] sif(Path dir, String fileName, int payloadBytes, long seed) {
        byte[] payload = new byte[payloadBytes];
        new Random(seed).nextBytes(payload);
        System.arraycopy("hsqs".getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 4);
        Path file = dir.resolve(fileName);
        try {
            SifWriter.write(file, payload, "amd64", Instant.parse("2024-05-01T12:00:00Z"),
                    new UUID(seed, ~seed));
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
