package org.sregistry.globus.sharing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.sregistry.globus.client.AccessRuleClient;
import org.sregistry.globus.client.AccessTokenManager;
import org.sregistry.globus.client.GlobusAuthClient;
import org.sregistry.globus.client.GlobusClientConfig;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.InMemoryTokenProvider;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.RetryPolicy;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.globussim.IdentityTokens;
import org.sregistry.globussim.SimulatorConfig;
import org.sregistry.globussim.store.AccessRule;

/**
 * The Globus side of the sharing tests: the simulator in-process on a loopback port, a mapped collection, and
 * per test a guest collection over its {@code /staging/} folder owned by the registry's service identity
 * ({@code registry-svc@sim}, administrator), with clients for the service identity and for users.
 */
final class SharingWorld implements AutoCloseable {
    static final String SERVICE = "registry-svc@sim";

    final GlobusSimulator sim;
    final GlobusClientConfig config;
    final IdentityTokens service;
    final IdentityTokens alice;
    final IdentityTokens bob;
    final String mapped;

    SharingWorld(Path dir) throws IOException {
        sim = GlobusSimulator.start(SimulatorConfig.builder().port(0).dataDir(dir.resolve("sim"))
                .accessTokenLifetime(Duration.ofHours(48)).build());
        config = GlobusClientConfig.builder()
                .authRoot(URI.create(sim.authRoot().toString()))
                .transferRoot(URI.create(sim.transferRoot().toString()))
                .clientId(sim.defaultClientId())
                .retryPolicy(RetryPolicy.withSleeper(d -> { }))
                .build();
        service = sim.createIdentity(SERVICE);
        alice = sim.createIdentity("alice@sim");
        bob = sim.createIdentity("bob@sim");
        mapped = sim.createEndpoint(EndpointSpec.named("Storage")
                .root(Files.createDirectories(dir.resolve("storage")))).id;
    }

    /** A new guest collection owned by the service identity. */
    String newGuestCollection() {
        return sim.createGuestCollection(EndpointSpec.guest("Registry staging", mapped, "/staging/").owner(SERVICE)).id;
    }

    /** An access rule client logged in as {@code who}. */
    AccessRuleClient rules(IdentityTokens who) {
        return new AccessRuleClient(config, manager(who));
    }

    /** The same with a short request timeout (an answer held back by a fault counts as lost). */
    AccessRuleClient rules(IdentityTokens who, Duration requestTimeout) {
        GlobusClientConfig impatient = GlobusClientConfig.builder().authRoot(config.authRoot())
                .transferRoot(config.transferRoot()).clientId(config.clientId()).requestTimeout(requestTimeout)
                .retryPolicy(RetryPolicy.withSleeper(d -> { })).build();
        return new AccessRuleClient(impatient, manager(who));
    }

    /** A Transfer client logged in as {@code who}. */
    TransferClient transfer(IdentityTokens who) {
        return new TransferClient(config, manager(who));
    }

    private AccessTokenManager manager(IdentityTokens who) {
        ResourceToken token = new ResourceToken(GlobusScopes.TRANSFER_RESOURCE_SERVER, who.transfer().accessToken(),
                who.transfer().refreshToken(), Instant.now().plus(Duration.ofHours(47)), who.transfer().scope());
        return new AccessTokenManager(InMemoryTokenProvider.of(token), new GlobusAuthClient(config));
    }

    /** A rule made as the collection's owner would (no Transfer call), for seeding. */
    AccessRule seed(String collection, String identity, String path, String permissions) {
        return sim.addAccessRule(collection, identity, path, permissions);
    }

    /**
     * Makes a rule look {@code age} old. The simulator stamps {@code create_time} with its wall clock and has no
     * clock seam; its Java twin hands out its own rule records, so the stamp is set on them.
     */
    void age(String collection, String ruleId, Duration age) {
        AccessRule rule = sim.accessRules(collection).stream().filter(r -> r.id.equals(ruleId)).findFirst()
                .orElseThrow();
        rule.createTime = Instant.now().minus(age);
    }

    @Override
    public void close() {
        sim.close();
    }
}
