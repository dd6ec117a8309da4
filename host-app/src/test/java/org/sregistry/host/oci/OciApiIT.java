package org.sregistry.host.oci;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryExtension;

/** The OCI API contract on the embedded default database (SQLite). */
class OciApiIT extends OciApiContract {
    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().build();

    @Override
    protected RegistryExtension registry() {
        return registry;
    }
}
