package org.sregistry.host.oci.clients;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI client contract against CNCF distribution 2.8 (Debian's docker-registry), open: proves
 * the kit (skopeo, podman, umoci, oras-java), so the same contract run against another registry
 * tests that registry.
 */
class ClientKitAgainstDistributionIT extends OciClientContract {
    @TempDir
    static Path registryDir;
    private static DistributionRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = DistributionRegistry.start(registryDir);
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
        return null;
    }
}
