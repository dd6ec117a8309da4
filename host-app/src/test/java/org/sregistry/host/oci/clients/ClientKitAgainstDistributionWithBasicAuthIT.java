package org.sregistry.host.oci.clients;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI client contract against CNCF distribution 2.8 with htpasswd Basic auth: every client
 * is given the login ({@code --creds}, {@code --src-creds}/{@code --dest-creds}, oras-java's
 * {@code defaults(user, pass)}), and without it the registry refuses.
 */
class ClientKitAgainstDistributionWithBasicAuthIT extends OciClientContract {
    @TempDir
    static Path registryDir;
    private static DistributionRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = DistributionRegistry.startWithBasicAuth(registryDir);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Override
    protected String registryAuthority() {
        return registry.authority();
    }

    @Override
    protected Credentials credentials() {
        return registry.login();
    }
}
