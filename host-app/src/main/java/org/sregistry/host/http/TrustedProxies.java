package org.sregistry.host.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * {@code X-Forwarded-*} and {@code Forwarded} headers, honoured only from the reverse proxies named
 * in {@code REGISTRY_TRUSTED_PROXIES} (addresses or CIDR ranges): from anyone else they are
 * ignored, so a client cannot claim to be another address (and dodge the login throttle) or to
 * have come over https. From a trusted proxy, Jetty's {@link ForwardedRequestCustomizer} applies
 * the scheme, host and client address, with one correction: the client is the right-most address
 * in the chain that is not itself a trusted proxy — the left-most (Jetty's choice) is whatever the
 * client sent, since proxies append.
 */
public final class TrustedProxies implements HttpConfiguration.Customizer {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d{1,3})?");

    private final InetAddressSet trusted;
    private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

    private TrustedProxies(InetAddressSet trusted) {
        this.trusted = trusted;
    }

    /** The customizer for a configured list, e.g. {@code 127.0.0.1, 10.0.0.0/8, ::1}. */
    public static TrustedProxies parse(String list) {
        Optional<String> problem = check(list);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        InetAddressSet set = new InetAddressSet();
        entries(list).forEach(set::add);
        return new TrustedProxies(set);
    }

    /** What is wrong with a configured list, if anything (the config option's validator). */
    public static Optional<String> check(String list) {
        for (String entry : entries(list)) {
            // literals only: InetAddressSet would resolve a host name through DNS
            if (!IPV4.matcher(entry).matches() && !IPV6.matcher(entry).matches()) {
                return Optional.of("'" + entry + "' is not an IP address or CIDR range (host names are not accepted);"
                        + " expected e.g. 127.0.0.1, 10.0.0.0/8, ::1");
            }
            try {
                new InetAddressSet().add(entry);
            } catch (RuntimeException e) {
                return Optional.of("'" + entry + "' is not an IP address or CIDR range: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static List<String> entries(String list) {
        List<String> entries = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                entries.add(part.trim());
            }
        }
        return entries;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (!trusts(request.getConnectionMetaData().getRemoteSocketAddress())) {
            return request;
        }
        HttpFields original = request.getHeaders();
        HttpFields.Mutable headers = HttpFields.build(original);
        String forwardedFor = original.getValuesList(HttpHeader.X_FORWARDED_FOR).stream()
                .reduce((a, b) -> a + "," + b).orElse(null);
        if (forwardedFor != null) {
            headers.put(HttpHeader.X_FORWARDED_FOR, client(List.of(forwardedFor.split(","))));
        }
        List<String> elements = original.getValuesList(HttpHeader.FORWARDED);
        if (!elements.isEmpty()) {
            headers.put(HttpHeader.FORWARDED, nearestClientElement(String.join(",", elements)));
        }
        Request rewritten = new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return headers.asImmutable();
            }
        };
        return forwarded.customize(rewritten, responseHeaders);
    }

    private boolean trusts(SocketAddress peer) {
        return peer instanceof InetSocketAddress address && address.getAddress() != null
                && trusted.test(address.getAddress());
    }

    /** The right-most address that is not a trusted proxy (or the left-most when all are). */
    private String client(List<String> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = chain.get(i).trim();
            if (!trustedLiteral(hop)) {
                return hop;
            }
        }
        return chain.get(0).trim();
    }

    /** Of {@code Forwarded: for=a;proto=https, for=b}, the element of the right-most untrusted {@code for}. */
    private String nearestClientElement(String header) {
        String[] elements = header.split(",");
        for (int i = elements.length - 1; i >= 0; i--) {
            String forValue = null;
            for (String pair : elements[i].split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                    forValue = pair.substring(eq + 1).trim().replace("\"", "");
                }
            }
            if (forValue == null || !trustedLiteral(forValue)) {
                return elements[i].trim();
            }
        }
        return elements[0].trim();
    }

    private boolean trustedLiteral(String hop) {
        String address = hop;
        if (address.startsWith("[")) {
            address = address.substring(1, Math.max(1, address.indexOf(']')));
        } else if (address.indexOf(':') == address.lastIndexOf(':') && address.contains(":")) {
            address = address.substring(0, address.indexOf(':')); // IPv4 with a port
        }
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            return false; // "unknown", obfuscated ids: not a proxy of ours
        }
        try {
            return trusted.test(InetAddress.getByName(address));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
