package org.sregistry.host.http;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a configured host names this machine, by its text alone: {@code localhost}, an IPv4 literal in
 * 127.0.0.0/8, or {@code ::1} (bracketed or not). A name is never looked up: a DNS answer must not decide where a
 * password or a token may go in clear. Used where plain http or SMTP is allowed only on loopback.
 */
public final class LoopbackHosts {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\." + OCTET + "){3}");

    private LoopbackHosts() {
    }

    /** True for {@code localhost} (any case), {@code 127.x.y.z} and {@code ::1} or {@code [::1]}; false for null. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.equals("[::1]") || IPV4_LOOPBACK.matcher(h).matches();
    }
}
