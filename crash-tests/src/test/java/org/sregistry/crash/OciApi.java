package org.sregistry.crash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The OCI distribution API under {@code /v2/} as a registry client sees it, with the harness's API token (accepted
 * directly on {@code /v2/}, no token dance). As with {@link RegistryApi}, an {@link IOException} means no answer
 * arrived (the process was killed mid-request): the caller cannot know whether the request took effect.
 */
final class OciApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    /**
     * An answer: status, the headers the harness reads, the body (null for HEAD or when only its digest is kept),
     * and the body's digest and length.
     */
    record Answer(int status, String location, String contentDigest, String range, long contentLength, byte[] body,
                  String bodyDigest, long bodyLength) {
    }

    private final HttpClient http;
    private final URI base;
    private final String authorization;

    OciApi(HttpClient http, URI base, String authorization) {
        this.http = http;
        this.base = base;
        this.authorization = authorization;
    }

    /** {@code POST /v2/<repo>/blobs/uploads/}: a new session (202 with its Location). */
    Answer startUpload(String repo) throws IOException {
        return send(request("/v2/" + repo + "/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()), true);
    }

    /** {@code POST /v2/<repo>/blobs/uploads/?digest=} with the whole blob: a monolithic upload (201). */
    Answer monolithic(String repo, String digest, byte[] bytes) throws IOException {
        return send(request("/v2/" + repo + "/blobs/uploads/?digest=" + digest)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), true);
    }

    /**
     * {@code PATCH <location>} with {@code bytes[from, to)}; with a {@code Content-Range} (the library client's
     * chunks) or without (Apptainer's one PATCH with the whole blob).
     */
    Answer patch(String location, byte[] bytes, int from, int to, boolean contentRange) throws IOException {
        HttpRequest.Builder b = request(location).header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes, from, to - from));
        if (contentRange) {
            b.header("Content-Range", from + "-" + (to - 1));
        }
        return send(b, true);
    }

    /** {@code PUT <location>?digest=} with no body: finishes the session (201). */
    Answer finish(String location, String digest) throws IOException {
        String sep = location.contains("?") ? "&" : "?";
        return send(request(location + sep + "digest=" + digest).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.noBody()), true);
    }

    /** {@code GET /v2/<repo>/blobs/uploads/<id>}: the session's progress (204 with Range) or 404. */
    Answer uploadStatus(String repo, String id) throws IOException {
        return send(request("/v2/" + repo + "/blobs/uploads/" + id).GET(), true);
    }

    /** {@code PUT /v2/<repo>/manifests/<reference>} (201 with Docker-Content-Digest). */
    Answer putManifest(String repo, String reference, byte[] bytes) throws IOException {
        return send(request("/v2/" + repo + "/manifests/" + reference).header("Content-Type", OCI_MANIFEST)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), true);
    }

    /** {@code GET /v2/<repo>/manifests/<reference>}: the exact bytes kept. */
    Answer manifest(String repo, String reference) throws IOException {
        return send(request("/v2/" + repo + "/manifests/" + reference).header("Accept", OCI_MANIFEST).GET(), true);
    }

    /** {@code HEAD /v2/<repo>/manifests/<reference>}. */
    Answer headManifest(String repo, String reference) throws IOException {
        return send(request("/v2/" + repo + "/manifests/" + reference).header("Accept", OCI_MANIFEST)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), false);
    }

    /** {@code DELETE /v2/<repo>/manifests/<reference>} (202). */
    Answer deleteManifest(String repo, String reference) throws IOException {
        return send(request("/v2/" + repo + "/manifests/" + reference).DELETE(), true);
    }

    /** {@code GET /v2/<repo>/blobs/<digest>}, hashed on the way (the body is not kept). */
    Answer blob(String repo, String digest) throws IOException {
        HttpResponse<byte[]> r = exchange(request("/v2/" + repo + "/blobs/" + digest).GET());
        byte[] body = r.body();
        return answer(r, null, r.statusCode() == 200 ? Digests.of(body) : null, body.length);
    }

    /** {@code HEAD /v2/<repo>/blobs/<digest>}. */
    Answer headBlob(String repo, String digest) throws IOException {
        return send(request("/v2/" + repo + "/blobs/" + digest).method("HEAD", HttpRequest.BodyPublishers.noBody()), false);
    }

    private HttpRequest.Builder request(String pathOrLocation) {
        return HttpRequest.newBuilder(base.resolve(pathOrLocation)).timeout(TIMEOUT).header("Authorization", authorization);
    }

    private Answer send(HttpRequest.Builder request, boolean keepBody) throws IOException {
        HttpResponse<byte[]> r = exchange(request);
        byte[] body = r.body() == null ? new byte[0] : r.body();
        return answer(r, keepBody ? body : null, Digests.of(body), body.length);
    }

    private static Answer answer(HttpResponse<byte[]> r, byte[] body, String bodyDigest, long bodyLength) {
        return new Answer(r.statusCode(), r.headers().firstValue("Location").orElse(null),
                r.headers().firstValue("Docker-Content-Digest").orElse(null),
                r.headers().firstValue("Range").orElse(null),
                r.headers().firstValueAsLong("Content-Length").orElse(-1), body, bodyDigest, bodyLength);
    }

    private HttpResponse<byte[]> exchange(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
