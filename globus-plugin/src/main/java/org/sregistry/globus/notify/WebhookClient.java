package org.sregistry.globus.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs one webhook delivery with {@code java.net.http}: short timeouts, no redirects followed, the answer's body
 * read and dropped (never stored). A 2xx answer is a delivery; anything else is a one-line reason. The HTTP client is
 * made on the first delivery, so a round with nothing to send costs nothing.
 */
public final class WebhookClient {
    /** How long connecting may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long the receiver may take to answer. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final String userAgent;
    private HttpClient http;

    /** @param userAgent the {@code User-Agent} header, e.g. {@code sregistry-globus/0.1.0} */
    public WebhookClient(String userAgent) {
        this.userAgent = userAgent;
    }

    /**
     * Sends {@code body} (JSON) to {@code url} with {@code headers}.
     *
     * @return empty when delivered, else why not ("answered 500", "could not be reached: …")
     */
    public Optional<String> post(URI url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client().send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? Optional.empty()
                    : Optional.of("the webhook answered HTTP " + status + (status >= 300 && status < 400
                    ? " (redirects are not followed)" : ""));
        } catch (HttpTimeoutException e) {
            return Optional.of("the webhook did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return Optional.of("the webhook could not be reached (" + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ")) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while sending");
        }
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }
}
