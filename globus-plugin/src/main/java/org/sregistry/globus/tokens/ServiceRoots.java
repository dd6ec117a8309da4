package org.sregistry.globus.tokens;

import java.net.URI;
import java.util.Objects;
import org.sregistry.globus.client.GlobusClientConfig;

/**
 * The Globus Auth and Transfer roots a login was made against. Stored with the tokens so that they are never sent
 * to another service (e.g. after {@code PLUGIN_GLOBUS_AUTH_URL} was pointed elsewhere). Always with a trailing
 * slash, so {@code http://h/auth} and {@code http://h/auth/} are the same root.
 */
public record ServiceRoots(URI auth, URI transfer) {

    /** Production Globus: also what a token file without recorded roots belongs to. */
    public static final ServiceRoots PRODUCTION =
            new ServiceRoots(GlobusClientConfig.DEFAULT_AUTH_ROOT, GlobusClientConfig.DEFAULT_TRANSFER_ROOT);

    public ServiceRoots {
        auth = withSlash(Objects.requireNonNull(auth, "auth"));
        transfer = withSlash(Objects.requireNonNull(transfer, "transfer"));
    }

    /** The roots a client configuration talks to. */
    public static ServiceRoots of(GlobusClientConfig config) {
        return new ServiceRoots(config.authRoot(), config.transferRoot());
    }

    private static URI withSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }

    @Override
    public String toString() {
        return "auth " + auth + ", transfer " + transfer;
    }
}
