package org.sregistry.globus.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Whether a webhook's host lies inside the registry's own network: loopback, private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), link-local (169.254/16 with the cloud metadata service, fe80::/10), carrier-grade NAT (100.64/10),
 * "this network" (0/8) or multicast. A user's webhook must not make the registry call those (server-side request
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
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128);
        }
        return (b[0] & 0xfe) == 0xfc; // IPv6 unique local fc00::/7
    }
}
