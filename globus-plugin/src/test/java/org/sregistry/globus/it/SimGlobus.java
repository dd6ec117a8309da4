package org.sregistry.globus.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sregistry.globus.config.GlobusKeys;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.globussim.SimulatorConfig;
import org.sregistry.globussim.store.Endpoint;

/** The Globus simulator in-process, with the registry settings that point the plugin at it. */
final class SimGlobus implements AutoCloseable {
    static final Duration LONG_LIFETIME = Duration.ofHours(48);

    final GlobusSimulator sim;

    private SimGlobus(GlobusSimulator sim) {
        this.sim = sim;
    }

    static SimGlobus start(Path dir) {
        return new SimGlobus(GlobusSimulator.start(SimulatorConfig.builder().port(0).dataDir(dir)
                .accessTokenLifetime(LONG_LIFETIME).build()));
    }

    /** Config values that point the plugin at the simulator. */
    Map<String, String> registrySettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(GlobusKeys.AUTH_URL, sim.authRoot().toString());
        m.put(GlobusKeys.TRANSFER_URL, sim.transferRoot().toString());
        m.put(GlobusKeys.CLIENT_ID, sim.defaultClientId());
        return m;
    }

    /** The code the simulator's authorize page would show after the default identity logs in. */
    String approve(String authorizeUrl) {
        return sim.approve(authorizeUrl);
    }

    /** An endpoint owned by the default identity. */
    Endpoint ownEndpoint(String name, Path root) {
        return sim.createEndpoint(EndpointSpec.named(name).owner(sim.defaultUsername()).root(root));
    }

    /** An endpoint someone else owns and shares with the default identity. */
    Endpoint sharedEndpoint(String name, Path root) {
        sim.createIdentity("owner@example.org");
        return sim.createEndpoint(EndpointSpec.named(name).owner("owner@example.org").root(root)
                .sharedWith(sim.defaultUsername()));
    }

    @Override
    public void close() {
        sim.close();
    }
}
