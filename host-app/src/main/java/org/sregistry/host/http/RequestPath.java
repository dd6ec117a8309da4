package org.sregistry.host.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The path a request is served under, as Jetty mapped it: decoded, dot segments resolved, path
 * parameters dropped ({@code servletPath + pathInfo}). Every decision about a path (login needed,
 * public asset, plugin namespace, metric label) is made on this one, never on the raw request URI:
 * {@code /static/../metrics} is served by the metrics servlet, so it must be judged as {@code /metrics}.
 */
public final class RequestPath {
    private RequestPath() {
    }

    /** The canonical path, e.g. {@code /metrics} for {@code /static/../metrics}. */
    public static String of(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }

    /**
     * True when the raw path says something else than the canonical one: dot segments, {@code ;}
     * parameters, back-slashes, NUL, or bad percent-encoding. Browsers and HTTP clients never send
     * such paths (they resolve dot segments themselves), so refusing them costs nobody anything.
     */
    public static boolean ambiguous(HttpServletRequest request) {
        String raw = request.getRequestURI();
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        if (raw == null || !raw.startsWith(context)) {
            return true;
        }
        raw = raw.substring(context.length());
        if (raw.isEmpty()) {
            raw = "/";
        }
        if (raw.indexOf(';') >= 0 || raw.indexOf('\\') >= 0) {
            return true;
        }
        Optional<String> decoded = decode(raw);
        return decoded.isEmpty() || decoded.get().indexOf('\0') >= 0 || !decoded.get().equals(of(request));
    }

    /** Strict percent-decoding as UTF-8 ('+' stays '+'); empty when malformed. */
    static Optional<String> decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return Optional.of(raw);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
