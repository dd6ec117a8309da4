package org.sregistry.globus.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.client.AccessRuleClient;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.control.FaultSpec;
import org.sregistry.globussim.store.AccessRule;

/** {@link Shares} with the service identity's client against the simulator's guest collection. */
class SharesSimTest extends SharingSimTestBase {

    Shares shares;

    @BeforeEach
    void newShares() {
        shares = new Shares(() -> service, new RuleFinder(() -> service));
    }

    static String newPath() {
        return SharePaths.of(UUID.randomUUID().toString());
    }

    static Instant inADay() {
        return Instant.now().plus(Duration.ofDays(1));
    }

    @Test
    void createMakesTheRuleRemoveTakesItAndAGoneRuleCountsAsRemoved() {
        String path = newPath();
        Instant expires = inADay();
        String id = shares.create(guest, world.alice.id(), path, "r", expires);

        List<AccessRule> rules = world.sim.accessRules(guest);
        assertThat(rules).hasSize(1);
        AccessRule rule = rules.get(0);
        assertThat(rule.id).isEqualTo(id);
        assertThat(rule.principalType).isEqualTo("identity");
        assertThat(rule.principal).isEqualTo(world.alice.id());
        assertThat(rule.path).isEqualTo(path);
        assertThat(rule.permissions).isEqualTo("r");
        assertThat(rule.expirationDate).isBetween(expires.minusSeconds(1), expires.plusSeconds(1));
        assertThat(rule.createdBy).isEqualTo(world.service.id());

        assertThat(shares.remove(guest, id)).isTrue();
        assertThat(world.sim.accessRules(guest)).isEmpty();
        assertThat(shares.remove(guest, id)).as("404: already gone").isFalse();
    }

    @Test
    void existsAdoptsTheIdenticalRule() {
        String path = newPath();
        String first = shares.create(guest, world.bob.id(), path, "rw", inADay());
        world.sim.resetStats();

        assertThat(shares.create(guest, world.bob.id(), path, "rw", inADay())).isEqualTo(first);
        assertThat(world.sim.accessRules(guest)).hasSize(1);
        assertThat(world.sim.requestCount("POST /transfer/v0.10/endpoint/{endpoint_id}/access")).isEqualTo(1);
        assertThat(world.sim.requestCount("GET /transfer/v0.10/endpoint/{endpoint_id}/access_list")).isEqualTo(1);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsRetriedAndAdoptsTheRuleItMade() {
        AccessRuleClient impatient = world.rules(world.service, Duration.ofMillis(500));
        Shares retrying = new Shares(() -> impatient, new RuleFinder(() -> impatient));
        String path = newPath();
        world.sim.resetStats();
        // Globus makes the rule, but its answer comes too late: the client retries, hears Exists, and adopts
        world.sim.addFault(FaultSpec.answerDelay("POST /transfer/v0.10/endpoint/{endpoint_id}/access", 2_000, 1));
        try {
            String id = retrying.create(guest, world.alice.id(), path, "r", inADay());
            assertThat(world.sim.accessRules(guest)).extracting(r -> r.id).containsExactly(id);
        } finally {
            world.sim.clearFaults();
        }
        assertThat(world.sim.requestCount("POST /transfer/v0.10/endpoint/{endpoint_id}/access")).isEqualTo(2);
    }

    @Test
    void theSamePathAndPrincipalWithOtherPermissionsIsAConflict() {
        String path = newPath();
        world.seed(guest, world.alice.id(), path, "r");
        assertThatThrownBy(() -> shares.create(guest, world.alice.id(), path, "rw", inADay()))
                .isInstanceOfSatisfying(SharingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SharingException.Reason.CONFLICTING_RULE);
                    assertThat(e.reason().code()).isEqualTo("sharing_conflict");
                    assertThat(e.getMessage()).contains("'r'", "'rw'", path);
                });
        assertThat(world.sim.accessRules(guest)).hasSize(1);
    }

    @Test
    void anIdentityWithoutAManagementRoleIsNotManagerAndAnAccessManagerMayShare() {
        AccessRuleClient bobs = world.rules(world.bob);
        Shares asBob = new Shares(() -> bobs, new RuleFinder(() -> bobs));
        String path = newPath();
        assertThatThrownBy(() -> asBob.create(guest, world.bob.id(), path, "rw", inADay()))
                .isInstanceOfSatisfying(SharingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SharingException.Reason.NOT_MANAGER);
                    assertThat(e.reason().code()).isEqualTo("sharing_not_permitted");
                    assertThat(e.getMessage()).contains("may no longer manage access", "PermissionDenied");
                    assertThat(e.getCause()).isInstanceOf(GlobusApiException.class);
                });
        String id = shares.create(guest, world.alice.id(), path, "r", inADay());
        assertThatThrownBy(() -> asBob.remove(guest, id)).isInstanceOfSatisfying(SharingException.class,
                e -> assertThat(e.reason()).isEqualTo(SharingException.Reason.NOT_MANAGER));

        world.sim.createGuestCollection(EndpointSpec.named(null).id(guest).role("access_manager", "bob@sim"));
        assertThat(asBob.remove(guest, id)).isTrue();
        assertThat(asBob.create(guest, world.bob.id(), path, "rw", inADay())).isNotBlank();
    }

    @Test
    void otherGlobusRefusalsComeAsGlobusGaveThem() {
        String servicesMapped = world.sim.createEndpoint(EndpointSpec.named("Mapped").owner(SharingWorld.SERVICE)).id;
        assertThatThrownBy(() -> shares.create(servicesMapped, world.alice.id(), newPath(), "r", inADay()))
                .isInstanceOfSatisfying(GlobusApiException.class, e -> assertThat(e.code())
                        .isEqualTo("ClientError.BadRequest.NotSupported"));
        assertThatThrownBy(() -> shares.create(guest, world.alice.id(), newPath(), "r",
                Instant.now().minus(Duration.ofHours(1))))
                .isInstanceOfSatisfying(GlobusApiException.class, e -> assertThat(e.code())
                        .isEqualTo("ClientError.BadRequest"));
        world.sim.addFault(new FaultSpec("POST /transfer/v0.10/endpoint/{endpoint_id}/access", 409, 1, null, 0,
                "LimitExceeded", 0));
        try {
            assertThatThrownBy(() -> shares.create(guest, world.alice.id(), newPath(), "r", inADay()))
                    .isInstanceOfSatisfying(GlobusApiException.class, e -> assertThat(e.code())
                            .isEqualTo("LimitExceeded"));
        } finally {
            world.sim.clearFaults();
        }
    }

    @Test
    void onlyShareFormPathsAndRAndRwAreAcceptedAndNothingIsSentOtherwise() {
        String uuid = UUID.randomUUID().toString();
        world.sim.resetStats();
        for (String bad : new String[] {"/t/" + uuid, "t/" + uuid + "/", "/u/" + uuid + "/", "/t/x/", "/t/",
                "/t/" + uuid + "/../", "/t/" + uuid + "/sub/", "/t/" + uuid.toUpperCase() + "/"}) {
            assertThatThrownBy(() -> shares.create(guest, world.alice.id(), bad, "r", inADay()))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> shares.create(guest, world.alice.id(), newPath(), "w", inADay()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(world.sim.stats()).isEmpty();
    }
}
