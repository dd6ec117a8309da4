package org.sregistry.testkit;

import java.time.Clock;
import org.sregistry.api.PluginStore;

/** The fake passes the same contract as the host's database store (registry-core's JdbcPluginStoreContractTest). */
class FakePluginStoreTest extends PluginStoreContract {
    @Override
    protected PluginStore newStore(Clock clock) {
        return new FakePluginStore(clock);
    }
}
