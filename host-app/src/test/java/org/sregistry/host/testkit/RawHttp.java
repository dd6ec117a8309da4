package org.sregistry.host.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, sending the request line and headers exactly as given: for tests
 * of what clients like {@code curl --path-as-is} can send and {@code java.net.http} refuses to
 * (dot segments, a foreign {@code Host}, forwarded headers).
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** The answer: status, headers (lower-case names, last value wins), body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        /** A header, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** {@code GET target} with {@code Host} set to the server's address. */
    public static Answer get(URI base, String target) {
        return send(base, "GET", target, List.of("Host: " + base.getAuthority()), "");
    }

    /**
     * Sends one request ({@code Connection: close} is added) and reads the whole answer.
     *
     * @param headerLines complete header lines such as {@code Host: example.org}
     */
    public static Answer send(URI base, String method, String target, List<String> headerLines, String body) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            headerLines.forEach(h -> request.append(h).append("\r\n"));
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            if (content.length > 0) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a request that announces {@code announcedLength} body bytes, sends {@code body} (fewer), and stops
     * sending (half-closes the connection): a client that gave up mid-upload.
     */
    public static Answer sendTruncated(URI base, String method, String target, List<String> headerLines,
                                       int announcedLength, String body) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            headerLines.forEach(h -> request.append(h).append("\r\n"));
            request.append("Content-Length: ").append(announcedLength).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String rawBody = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rawBody = dechunk(rawBody); // sizes count bytes: still one char per byte here
        }
        return new Answer(status, headers, new String(rawBody.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (pos < body.length()) {
            int lineEnd = body.indexOf("\r\n", pos);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(pos, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            pos = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
