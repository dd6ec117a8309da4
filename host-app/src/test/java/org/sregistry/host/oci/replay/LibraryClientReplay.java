package org.sregistry.host.oci.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What Apptainer's {@code library://} sends through container-library-client (v1 branch,
 * {@code client/oci.go}, {@code downloader.go}, {@code pull.go}, {@code push.go}; fact sheet §4
 * and its corrections), request by request, asserting what the client checks. Names follow the
 * Go functions they replay.
 *
 * <p>Wire details that matter: the library API requests carry the remote's API token; the OCI
 * requests go anonymous first and are retried with the redirect token after a 401
 * ({@code doRequest}), except chunk PATCHes, the final PUT and the ranged part GETs, which carry
 * it at once. A PATCH chunk goes out chunked (Go drops the Content-Length header it sets, the body
 * being an {@code io.LimitedReader}), with {@code Content-Range: s-e}.
 */
final class LibraryClientReplay {
    static final String INDEX = "application/vnd.oci.image.index.v1+json";
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String SIF_CONFIG = "application/vnd.sylabs.sif.config.v1+json";
    static final String SIF_LAYER = "application/vnd.sylabs.sif.layer.v1.sif";
    static final int PART_SIZE = 5 * 1024 * 1024;
    static final int CONCURRENCY = 3;
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final Wire wire;
    /** The remote's API token (what {@code remote login} stored). */
    private final String authToken;
    /** The library service URI from config.prod.json, with the slash NewClient appends. */
    private final URI baseUrl;

    /** The redirect's answer. */
    record Redirect(URI url, String token, String name) {
    }

    LibraryClientReplay(Wire wire, String authToken, String libraryUri) {
        this.wire = wire;
        this.authToken = authToken;
        this.baseUrl = URI.create(libraryUri.endsWith("/") ? libraryUri : libraryUri + "/");
    }

    /** Client.newRequest: base URL + relative path + raw query, the API token as Bearer. */
    HttpResponse<byte[]> api(String path, String rawQuery) {
        String url = baseUrl.resolve(path) + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        return wire.get(url, "Authorization", authToken == null ? null : "Bearer " + authToken);
    }

    /** GetImage: {@code GET v1/images/<ref>?arch=<arch>}; the {@code data} object. */
    JsonNode getImage(String arch, String ref) {
        HttpResponse<byte[]> response = api("v1/images/" + ref, "arch=" + Wire.q(arch));
        assertThat(response.statusCode()).as("GET v1/images/" + ref + ": " + new String(response.body())).isEqualTo(200);
        return Wire.json(response).path("data");
    }

    /** ociRegistryAuth: {@code v1/oci-redirect?accessTypes=..&mapped=1&namespace=..} (url.Values.Encode order). */
    Redirect ociRegistryAuth(String name, String... accessTypes) {
        String query = "accessTypes=" + Wire.q(String.join(",", accessTypes)) + "&mapped=1&namespace=" + Wire.q(name);
        HttpResponse<byte[]> response = api("v1/oci-redirect", query);
        assertThat(response.statusCode()).as("oci-redirect: " + new String(response.body())).isEqualTo(200);
        JsonNode body = Wire.json(response);
        assertThat(body.has("data")).as("the redirect is not wrapped in data").isFalse();
        String token = body.path("token").asText();
        assertThat(token).isNotEmpty();
        String mapped = body.path("name").asText("");
        return new Redirect(URI.create(body.path("url").asText()), token, mapped.isEmpty() ? name : mapped);
    }

    // ---- ociRegistry

    /** doRequest: anonymous first; on 401 the same request again with the redirect token. Answers both. */
    List<HttpResponse<byte[]>> doRequest(Redirect r, String method, String relative,
                                         Supplier<HttpRequest.BodyPublisher> body, String... headers) {
        String url = r.url().resolve(relative).toString();
        HttpResponse<byte[]> first = wire.send(method, url, body == null ? null : body.get(), headers);
        if (first.statusCode() != 401) {
            return List.of(first);
        }
        assertThat(Wire.header(first, "WWW-Authenticate")).as("401 with a challenge").isNotNull();
        String[] withAuth = Arrays.copyOf(headers, headers.length + 2);
        withAuth[headers.length] = "Authorization";
        withAuth[headers.length + 1] = "Bearer " + r.token();
        return List.of(first, wire.send(method, url, body == null ? null : body.get(), withAuth));
    }

    /** doRequestWithCredentials: the redirect token at once. */
    HttpResponse<byte[]> withCredentials(Redirect r, String method, String relative, HttpRequest.BodyPublisher body,
                                         String... headers) {
        String[] withAuth = Arrays.copyOf(headers, headers.length + 2);
        withAuth[headers.length] = "Authorization";
        withAuth[headers.length + 1] = "Bearer " + r.token();
        return wire.send(method, r.url().resolve(relative).toString(), body, withAuth);
    }

    private static HttpResponse<byte[]> last(List<HttpResponse<byte[]>> exchange) {
        return exchange.get(exchange.size() - 1);
    }

    /** downloadManifest: Accept one type; 2xx and exactly that Content-Type, else an error (null here). */
    JsonNode downloadManifest(Redirect r, String tag, String contentType, String[] digestOut) {
        HttpResponse<byte[]> res = last(doRequest(r, "GET", "v2/" + r.name() + "/manifests/" + tag, null,
                "Accept", contentType));
        if (res.statusCode() / 100 != 2 || !contentType.equals(Wire.header(res, "Content-Type"))) {
            return null;
        }
        String digest = Wire.header(res, "Docker-Content-Digest");
        assertThat(digest).as("digest.Validate").matches(DIGEST);
        assertThat(digest).isEqualTo(Wire.digest(res.body()));
        digestOut[0] = digest;
        return Wire.json(res);
    }

    /**
     * getImageDetails: the index first (entry by architecture), else the manifest; config type,
     * one layer, config blob verified and checked. Answers the layer descriptor.
     */
    JsonNode getImageDetails(Redirect r, String tag, String arch) {
        String[] digest = new String[1];
        JsonNode index = downloadManifest(r, tag, INDEX, digest);
        String ref = tag;
        if (index != null) {
            ref = null;
            for (JsonNode m : index.path("manifests")) {
                if (MANIFEST.equals(m.path("mediaType").asText()) && arch.equals(m.path("platform").path("architecture").asText())) {
                    ref = m.path("digest").asText();
                    break;
                }
            }
            assertThat(ref).as("index entry for " + arch + " in " + index).isNotNull();
        }
        JsonNode manifest = downloadManifest(r, ref, MANIFEST, digest);
        assertThat(manifest).as("manifest " + ref + " with Content-Type " + MANIFEST).isNotNull();
        assertThat(manifest.path("config").path("mediaType").asText()).isEqualTo(SIF_CONFIG);
        assertThat(manifest.path("layers").size()).as("exactly one layer").isEqualTo(1);

        String configDigest = manifest.path("config").path("digest").asText();
        HttpResponse<byte[]> config = last(doRequest(r, "GET", "v2/" + r.name() + "/blobs/" + configDigest, null));
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(Wire.digest(config.body())).as("config digest verified").isEqualTo(configDigest);
        JsonNode ic = Wire.json(config);
        assertThat(ic.path("architecture").asText()).as("architecture present and the requested one").isEqualTo(arch);
        assertThat(ic.path("rootfs").asText()).as("rootfs.Validate").matches(DIGEST);
        return manifest.path("layers").get(0);
    }

    /** multipartDownload: CONCURRENCY workers, PART_SIZE parts, Range bytes=s-e, status never checked. */
    byte[] multipartDownload(Redirect r, String digest, long size) throws Exception {
        int parts = (int) (1 + (size - 1) / PART_SIZE);
        byte[] file = new byte[(int) size];
        String url = r.url().resolve("v2/" + r.name() + "/blobs/" + digest).toString();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int n = 0; n < parts; n++) {
                long start = (long) n * PART_SIZE;
                long end = start + Math.min(PART_SIZE, size - start) - 1;
                answers.add(pool.submit(() -> wire.get(url, "Authorization", "Bearer " + r.token(),
                        "Range", "bytes=" + start + "-" + end)));
            }
            for (int n = 0; n < parts; n++) {
                HttpResponse<byte[]> part = answers.get(n).get();
                long start = (long) n * PART_SIZE;
                int length = (int) Math.min(PART_SIZE, size - start);
                // the client writes whatever comes at the part's offset: only a 206 with exactly the part is right
                assertThat(part.statusCode()).as("part " + n).isEqualTo(206);
                assertThat(Wire.header(part, "Content-Range"))
                        .isEqualTo("bytes " + start + "-" + (start + length - 1) + "/" + size);
                assertThat(part.body()).as("part " + n + " length").hasSize(length);
                System.arraycopy(part.body(), 0, file, (int) start, length);
            }
        } finally {
            pool.shutdownNow();
        }
        return file;
    }

    /** ConcurrentDownloadImage through the OCI path, after GetImage: the file's bytes. */
    byte[] pull(String path, String tag, String arch) throws Exception {
        JsonNode image = getImage(arch, path + ":" + tag);
        Redirect r = ociRegistryAuth(path, "pull");
        JsonNode layer = getImageDetails(r, tag, arch);
        byte[] file = multipartDownload(r, layer.path("digest").asText(), layer.path("size").asLong());
        // Apptainer's cache check: the file's hash is the hash GetImage gave
        assertThat("sha256." + Wire.sha256Hex(file)).isEqualTo(image.path("hash").asText());
        return file;
    }

    // ---- push

    /** existingImageBlob: HEAD; true only for 200 with the same Docker-Content-Digest. */
    boolean existingImageBlob(Redirect r, String digest) {
        HttpResponse<byte[]> res = last(doRequest(r, "HEAD", "v2/" + r.name() + "/blobs/" + digest, null));
        return res.statusCode() == 200 && digest.equals(Wire.header(res, "Docker-Content-Digest"));
    }

    /**
     * uploadBlob: openUploadBlobSession (anonymous POST that must be refused, then with the
     * token), 5 MiB PATCHes with Content-Range, closeUploadBlobSession (PUT ?digest=, no body).
     * Answers the digest.
     */
    String uploadBlob(Redirect r, byte[] blob) {
        List<HttpResponse<byte[]>> open = doRequest(r, "POST", "v2/" + r.name() + "/blobs/uploads/", Wire::empty);
        assertThat(open.get(0).statusCode()).as("the anonymous upload POST is refused (the client takes the token"
                + " from its retried request)").isEqualTo(401);
        assertThat(open).hasSize(2);
        HttpResponse<byte[]> session = open.get(1);
        assertThat(session.statusCode()).as("POST uploads/ with the token").isEqualTo(202);
        String u = relativeLocation(session);
        for (long offset = 0; offset < blob.length; offset += PART_SIZE) {
            int chunk = (int) Math.min(PART_SIZE, blob.length - offset);
            byte[] part = Arrays.copyOfRange(blob, (int) offset, (int) offset + chunk);
            HttpResponse<byte[]> patch = withCredentials(r, "PATCH", u, Wire.stream(part),
                    "Content-Type", "application/octet-stream", "Content-Range", offset + "-" + (offset + chunk - 1));
            assertThat(patch.statusCode() / 100).as("PATCH " + offset + ": " + new String(patch.body())).isEqualTo(2);
            u = relativeLocation(patch);
        }
        String digest = Wire.digest(blob);
        URI location = URI.create(u);
        String put = location.getRawPath() + "?" + (location.getRawQuery() == null ? "" : location.getRawQuery() + "&")
                + "digest=" + Wire.q(digest);
        HttpResponse<byte[]> close = withCredentials(r, "PUT", put, Wire.empty());
        assertThat(close.statusCode() / 100).as("PUT ?digest=: " + new String(close.body())).isEqualTo(2);
        return digest;
    }

    /** getRelativeLocation: the Location with its leading slash cut, resolved against the registry URL later. */
    private static String relativeLocation(HttpResponse<byte[]> response) {
        String location = Wire.header(response, "Location");
        assertThat(location).as("Location").isNotBlank();
        URI u = URI.create(location);
        String path = u.getRawPath().startsWith("/") ? u.getRawPath().substring(1) : u.getRawPath();
        return path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    /** uploadManifest: PUT with Content-Type, anonymous first, then with the token. Answers the digest. */
    String uploadManifest(Redirect r, String ref, byte[] body, String contentType) {
        HttpResponse<byte[]> res = last(doRequest(r, "PUT", "v2/" + r.name() + "/manifests/" + ref,
                () -> Wire.bytes(body), "Content-Type", contentType));
        assertThat(res.statusCode() / 100).as("PUT manifest " + ref + ": " + new String(res.body())).isEqualTo(2);
        return Wire.digest(body);
    }

    /** The config the client makes from the SIF header (json.Marshal of imageConfig; empty description dropped). */
    static byte[] imageConfig(String arch, String rootfs) {
        return ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"rootfs\":\"" + rootfs
                + "\",\"signed\":false,\"encrypted\":false}").getBytes();
    }

    /** uploadImageManifest's v1.Manifest: no top-level mediaType; descriptor order mediaType, digest, size. */
    static byte[] imageManifest(String configDigest, long configSize, String imageDigest, long imageSize) {
        return ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" + SIF_CONFIG + "\",\"digest\":\"" + configDigest
                + "\",\"size\":" + configSize + "},\"layers\":[{\"mediaType\":\"" + SIF_LAYER + "\",\"digest\":\""
                + imageDigest + "\",\"size\":" + imageSize + "}]}").getBytes();
    }

    /** The v1.Index put under each tag: one entry, size 0 (never set), with a platform. */
    static byte[] index(String manifestDigest, String arch) {
        return ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MANIFEST + "\",\"digest\":\"" + manifestDigest
                + "\",\"size\":0,\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}}]}").getBytes();
    }

    /** ociUploadImage: the whole push after UploadImage computed the hash. Answers the manifest digest. */
    String push(String path, List<String> tags, byte[] sif, String arch) {
        Redirect r = ociRegistryAuth(path, "pull", "push");
        String hash = "sha256." + Wire.sha256Hex(sif);
        String imageDigest = hash.replace('.', ':');
        String id = imageDigest;
        if (!existingImageBlob(r, imageDigest)) {
            id = uploadBlob(r, sif);
            assertThat(id).isEqualTo(imageDigest);
        }
        byte[] config = imageConfig(arch, id);
        String configDigest = uploadBlob(r, config);
        String md = uploadManifest(r, hash, imageManifest(configDigest, config.length, id, sif.length), MANIFEST);
        for (String tag : tags) {
            uploadManifest(r, tag, index(md, arch), INDEX);
        }
        return md;
    }
}
