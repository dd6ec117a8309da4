package org.sregistry.host.web.pages;

import java.net.URI;
import org.sregistry.host.http.PublicUrl;
import org.sregistry.registry.oci.OciNames;

/**
 * The command that pulls an image with Apptainer from this registry's OCI API:
 * {@code apptainer pull [--no-https] oras://HOST[:PORT]/collection/name:tag}. The address is
 * {@code REGISTRY_PUBLIC_URL} when it is set (the name users know, e.g. behind a TLS proxy), else
 * the one the browser used. Apptainer's oras client speaks https unless told {@code --no-https},
 * so a plain-http address gets that flag.
 */
final class PullCommand {
    private PullCommand() {
    }

    /**
     * @param publicUrl   the configured public URL, or null
     * @param requestBase the base URI of the request the page answers (scheme, host, port)
     * @param nameWithTag {@code collection/name:tag}
     */
    static String of(PublicUrl publicUrl, URI requestBase, String nameWithTag) {
        if (!servedOverOci(nameWithTag)) {
            return null;
        }
        PublicUrl address = publicUrl != null ? publicUrl : fromRequest(requestBase);
        String origin = address.origin(); // scheme://host[:port], default port left out
        String hostAndPort = origin.substring(origin.indexOf("://") + 3);
        return "apptainer pull " + (address.https() ? "" : "--no-https ") + "oras://" + hostAndPort + "/" + nameWithTag;
    }

    /**
     * True when the OCI API can serve the name: its grammar is stricter than the registry's (no run
     * of separators such as {@code _-}, and tags may not start with '.' or '-').
     */
    static boolean servedOverOci(String nameWithTag) {
        int colon = nameWithTag.lastIndexOf(':');
        return OciNames.isRepository(nameWithTag.substring(0, colon)) && OciNames.isTag(nameWithTag.substring(colon + 1));
    }

    private static PublicUrl fromRequest(URI base) {
        String host = base.getHost() == null ? "localhost" : base.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // PublicUrl keeps IPv6 without brackets
        }
        return new PublicUrl("https".equalsIgnoreCase(base.getScheme()) ? "https" : "http", host, base.getPort());
    }
}
