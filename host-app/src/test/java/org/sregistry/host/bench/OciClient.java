package org.sregistry.host.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * The distribution-spec calls the benchmark makes, the same for every registry: blob pushes
 * (POST, PATCH, PUT as go-containerregistry streams them, or one monolithic POST) and blob GETs
 * whose bodies are counted, not kept. Bodies go from and to files or nowhere, so that the client
 * does as little as it can.
 */
final class OciClient {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http;
    private final URI base;
    private final String authorization;

    /**
     * @param base          {@code http://host:port}
     * @param authorization the {@code Authorization} header sent on every request, or null
     */
    OciClient(HttpClient http, URI base, String authorization) {
        this.http = http;
        this.base = base;
        this.authorization = authorization;
    }

    /** The status of {@code GET /v2/}. */
    int ping() throws IOException, InterruptedException {
        return http.send(request(base.resolve("/v2/")).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** POST an upload, PATCH the whole file into it (no Content-Range), PUT {@code ?digest=}. */
    void pushChunked(String repository, Path file, String digest) throws IOException, InterruptedException {
        URI upload = startUpload(repository);
        HttpResponse<Void> patched = http.send(request(upload).method("PATCH", HttpRequest.BodyPublishers.ofFile(file))
                .header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.discarding());
        expect(patched, 202, "PATCH " + upload.getPath());
        URI next = patched.headers().firstValue("Location").map(upload::resolve).orElse(upload);
        HttpResponse<Void> put = http.send(request(withDigest(next, digest)).PUT(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        expect(put, 201, "PUT " + next.getPath() + "?digest=");
    }

    /**
     * One {@code POST /v2/<name>/blobs/uploads/?digest=} with the whole file.
     *
     * @return false when the registry does not take it (it answers 202, opening an upload session
     *         instead, as distribution 2.8 does; the session is cancelled)
     */
    boolean pushMonolithic(String repository, Path file, String digest) throws IOException, InterruptedException {
        URI uploads = withDigest(base.resolve("/v2/" + repository + "/blobs/uploads/"), digest);
        HttpResponse<Void> posted = http.send(request(uploads).POST(HttpRequest.BodyPublishers.ofFile(file))
                .header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.discarding());
        if (posted.statusCode() == 202) {
            posted.headers().firstValue("Location").map(uploads::resolve).ifPresent(this::cancel);
            return false;
        }
        expect(posted, 201, "POST " + uploads.getPath() + "?digest=");
        return true;
    }

    /** GETs a blob to the end; answers the bytes received. */
    long pull(String repository, String digest) throws IOException, InterruptedException {
        URI blob = blob(repository, digest);
        HttpResponse<Long> response = http.send(request(blob).GET().build(), counting());
        expect(response, 200, "GET " + blob.getPath());
        return response.body();
    }

    /**
     * The same GET with {@code curl -o /dev/null}, a client that reads faster than java.net.http
     * (which tops out near 1 GB/s here, whatever the server). The URL and header go to curl on its
     * standard input, not in its command line.
     */
    long pullWithCurl(String repository, String digest) throws IOException, InterruptedException {
        URI blob = blob(repository, digest);
        Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", "-K", "-")
                .redirectErrorStream(true).start();
        try (var config = curl.getOutputStream()) {
            String text = "url = \"" + blob + "\"\n" + (authorization == null ? "" : "header = \"Authorization: " + authorization + "\"\n");
            config.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String[] answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split(" ");
        if (curl.waitFor() != 0 || answer.length != 2 || !answer[0].equals("200")) {
            throw new IOException("curl GET " + blob.getPath() + " answered " + String.join(" ", answer));
        }
        return Long.parseLong(answer[1]);
    }

    private URI blob(String repository, String digest) {
        return base.resolve("/v2/" + repository + "/blobs/" + digest);
    }

    private URI startUpload(String repository) throws IOException, InterruptedException {
        URI uploads = base.resolve("/v2/" + repository + "/blobs/uploads/");
        HttpResponse<Void> started = http.send(request(uploads).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        expect(started, 202, "POST " + uploads.getPath());
        return uploads.resolve(started.headers().firstValue("Location")
                .orElseThrow(() -> new IOException("POST " + uploads.getPath() + " answered 202 without a Location")));
    }

    private void cancel(URI upload) {
        try {
            http.send(request(upload).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // a stale upload session is the registry's to purge
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private static URI withDigest(URI uri, String digest) {
        String s = uri.toString();
        return URI.create(s + (s.contains("?") ? "&" : "?") + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
    }

    private static void expect(HttpResponse<?> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(what + " answered " + response.statusCode() + ", not " + status);
        }
    }

    /** A body handler that counts the bytes and drops them. */
    private static HttpResponse.BodyHandler<Long> counting() {
        return info -> HttpResponse.BodySubscribers.fromSubscriber(new Counter(), Counter::total);
    }

    /** Counts what it is given (the flow's signals come one at a time, so a plain field does). */
    private static final class Counter implements Flow.Subscriber<List<ByteBuffer>> {
        private long total;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                total += b.remaining();
            }
        }

        @Override
        public void onError(Throwable error) {
            // the send fails with it
        }

        @Override
        public void onComplete() {
            // total is final
        }

        long total() {
            return total;
        }
    }
}
