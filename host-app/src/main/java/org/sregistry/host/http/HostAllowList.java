package org.sregistry.host.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Answers only to its own names: the host of {@code REGISTRY_PUBLIC_URL}, {@code localhost}, and
 * IP addresses; without a public URL on a wildcard bind ({@code 0.0.0.0}) also the machine's own
 * host names. Any other {@code Host} gets 421: a page on {@code evil.example} whose DNS name was
 * pointed at this machine (DNS rebinding) cannot talk to the registry, and no answer is built for a
 * host name an attacker chose. IP literals cannot be rebound, so they always pass. The host
 * checked is the one Jetty reports, i.e. the forwarded one when a trusted proxy sent it.
 */
public final class HostAllowList implements Filter {
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9a-f:.]*:[0-9a-f:.]*]?");

    private final Set<String> names;
    private final String hint;

    private HostAllowList(Set<String> names, String hint) {
        this.names = Set.copyOf(names);
        this.hint = hint;
    }

    /**
     * @param publicUrl the configured public URL, or null
     * @param bind      the listen address ({@code 0.0.0.0} or {@code ::} for all)
     */
    public static HostAllowList of(PublicUrl publicUrl, String bind) {
        Set<String> names = new HashSet<>();
        names.add("localhost");
        if (publicUrl != null) {
            names.add(publicUrl.host());
        } else if (wildcard(bind)) {
            try {
                InetAddress self = InetAddress.getLocalHost();
                names.add(self.getHostName().toLowerCase(Locale.ROOT));
                names.add(self.getCanonicalHostName().toLowerCase(Locale.ROOT));
            } catch (UnknownHostException e) {
                // only localhost and addresses, then
            }
        } else {
            names.add(bind.toLowerCase(Locale.ROOT));
        }
        String hint = publicUrl != null ? "this registry is " + publicUrl
                : "set REGISTRY_PUBLIC_URL to the address users open (e.g. https://registry.example.org/) to serve it under a name";
        return new HostAllowList(names, hint);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (allowed(request.getServerName())) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        response.setStatus(421);
        response.setHeader("Connection", "close");
        response.setContentType("application/json;charset=utf-8");
        response.getWriter().write("{\"error\":\"misdirected_request\",\"message\":\"this registry does not answer to"
                + " that host name; " + hint.replace("\"", "'") + "\"}");
    }

    boolean allowed(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return true; // HTTP/1.0 without Host: Jetty names its own address
        }
        String host = serverName.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return IP_LITERAL.matcher(host).matches() || names.contains(host) || names.contains(host.replaceAll("^\\[|]$", ""));
    }

    private static boolean wildcard(String bind) {
        return bind == null || bind.isBlank() || bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]");
    }
}
