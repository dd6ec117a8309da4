package org.sregistry.globus.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Whether a webhook's host lies inside the registry's own network: loopback, private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), link-local (169.254/16 with the cloud metadata service, fe80::/10), carrier-grade NAT (100.64/10),
 * "this network" (0/8), multicast, and the other special-purpose ranges of IANA's registries (documentation,
 * benchmarking, reserved, NAT64, 6to4). A user's webhook must not make the registry call those (server-side request
 * forgery); an administrator's may, as administrators configure the server anyway. Checked when the URL is saved
 * and again at every delivery, since a name can be pointed elsewhere later.
 */
final class InternalAddresses {
    private InternalAddresses() {
    }

    /** Why {@code host} may not be called by a user's webhook, or empty when every address it has is public. */
    static Optional<String> problem(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of(host + " is not a host name the registry can look up");
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                return Optional.of(host + " is an address inside the registry's network (" + address.getHostAddress()
                        + "); only an administrator's webhook may point there");
            }
        }
        return Optional.empty();
    }

    static boolean internal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        for (Range range : b.length == 4 ? RESERVED_V4 : RESERVED_V6) {
            if (range.contains(b)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Special-purpose ranges (IANA registries) no public webhook lives in, beyond what {@link InetAddress} knows.
     * NAT64 and 6to4 are here because they lead to an IPv4 address, which may be an internal one.
     */
    private static final List<Range> RESERVED_V4 = List.of(range("0.0.0.0", 8), range("100.64.0.0", 10),
            range("192.0.0.0", 24), range("192.0.2.0", 24), range("198.18.0.0", 15), range("198.51.100.0", 24),
            range("203.0.113.0", 24), range("240.0.0.0", 4));
    private static final List<Range> RESERVED_V6 = List.of(range("fc00::", 7), range("fec0::", 10),
            range("64:ff9b::", 96), range("64:ff9b:1::", 48), range("100::", 64), range("2001:db8::", 32),
            range("2002::", 16), range("::", 96));

    private record Range(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (prefix[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Range range(String literal, int bits) {
        try {
            return new Range(InetAddress.getByName(literal).getAddress(), bits); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
