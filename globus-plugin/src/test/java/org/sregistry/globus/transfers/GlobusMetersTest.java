package org.sregistry.globus.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sregistry.testkit.FakePluginContext;

class GlobusMetersTest {
    @Test
    void submittedTransfersAreCountedByDirectionAndImportsOnce() {
        FakePluginContext context = FakePluginContext.of("globus");
        GlobusMeters meters = new GlobusMeters(context.metrics());
        meters.submitted(Direction.PUT);
        meters.submitted(Direction.GET);
        meters.submitted(Direction.GET);
        meters.imported();

        assertThat(context.metrics().find("globus.transfers.submitted").tag("direction", "push").counter().count())
                .isEqualTo(1.0);
        assertThat(context.metrics().find("globus.transfers.submitted").tag("direction", "pull").counter().count())
                .isEqualTo(2.0);
        assertThat(context.metrics().find("globus.images.imported").tag("plugin", "globus").counter().count())
                .isEqualTo(1.0);
    }
}
