package org.sregistry.host.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The address users type ({@code REGISTRY_PUBLIC_URL}), e.g. {@code https://registry.example.org/}
 * behind a TLS reverse proxy: its host name is the one the registry answers to, its origin the one
 * browsers send, and {@code https} makes the session cookie {@code Secure}. The registry is served
 * at the root of it: a path is refused.
 *
 * @param scheme {@code http} or {@code https}
 * @param host   lower-case host name or address (IPv6 without brackets)
 * @param port   the port, or -1 for the scheme's default
 */
public record PublicUrl(String scheme, String host, int port) {

    /** Parses a configured value; the message of the exception says what is expected. */
    public static PublicUrl parse(String value) {
        return check(value).isPresent() ? fail(check(value).get()) : of(value);
    }

    /** What is wrong with {@code value}, if anything (the config option's validator). */
    public static Optional<String> check(String value) {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.of("expected the address users open, like https://registry.example.org/");
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
                return Optional.of("the registry is served at the root of its address: drop the path "
                        + uri.getRawPath() + " (or let the proxy map it to /)");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return Optional.of("expected scheme, host and port only, like https://registry.example.org/");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("not a URL: " + e.getReason());
        }
    }

    /** True for {@code https}: cookies get {@code Secure}. */
    public boolean https() {
        return scheme.equals("https");
    }

    /** {@code https://registry.example.org} (with a port only when it is not the default), as browsers send it in {@code Origin}. */
    public String origin() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        boolean defaultPort = port < 0 || (https() && port == 443) || (!https() && port == 80);
        return scheme + "://" + hostPart + (defaultPort ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return origin() + "/";
    }

    private static PublicUrl of(String value) {
        URI uri = URI.create(value.trim());
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new PublicUrl(uri.getScheme().toLowerCase(Locale.ROOT), host, uri.getPort());
    }

    private static PublicUrl fail(String problem) {
        throw new IllegalArgumentException(problem);
    }
}
