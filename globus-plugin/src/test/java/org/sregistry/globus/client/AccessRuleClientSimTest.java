package org.sregistry.globus.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.IdentityTokens;
import org.sregistry.globussim.control.FaultSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AccessRuleClient} against the simulator's access rules on a guest collection, over loopback. */
class AccessRuleClientSimTest {

    @TempDir
    static Path dir;
    static SimHarness h;
    static AccessRuleClient owner;
    static AccessRuleClient bobsClient;
    static IdentityTokens bob;
    static String mapped;
    String guest;

    @BeforeAll
    static void start() throws Exception {
        h = new SimHarness(dir.resolve("sim"));
        owner = new AccessRuleClient(h.config, h.manager(h.login()));
        bob = h.sim.createIdentity("bob@example.org");
        bobsClient = new AccessRuleClient(h.config, new AccessTokenManager(InMemoryTokenProvider.of(
                new ResourceToken(GlobusScopes.TRANSFER_RESOURCE_SERVER, bob.transfer().accessToken(),
                        bob.transfer().refreshToken(), Instant.now().plus(Duration.ofHours(1)), bob.transfer().scope())),
                h.auth));
        mapped = h.sim.createEndpoint(EndpointSpec.named("Cluster")
                .root(Files.createDirectories(dir.resolve("cluster")))).id;
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @BeforeEach
    void freshGuestCollection() throws Exception {
        guest = h.sim.createGuestCollection(EndpointSpec.guest("Staging", mapped, "/staging/")).id;
        h.resetStats();
    }

    static OffsetDateTime inAnHour() {
        return OffsetDateTime.now(ZoneOffset.UTC).plusHours(1);
    }

    @Test
    void createGetListAndDelete() {
        String id = owner.create(guest, AccessRuleRequest.identity(bob.id(), "/t/one/", "r", inAnHour()));
        assertThat(id).isNotBlank();

        AccessRule rule = owner.get(guest, id).orElseThrow();
        assertThat(rule.id()).isEqualTo(id);
        assertThat(rule.principalType()).isEqualTo("identity");
        assertThat(rule.principal()).isEqualTo(bob.id());
        assertThat(rule.path()).isEqualTo("/t/one/");
        assertThat(rule.permissions()).isEqualTo("r");
        assertThat(rule.expirationDate()).isNotNull();
        assertThat(rule.createTime()).isNotNull();

        AccessListPage page = owner.listPage(guest, 0, 100);
        assertThat(page.dataType()).isEqualTo("access_list");
        assertThat(page.endpoint()).isEqualTo(guest);
        assertThat(page.data()).hasSize(2);
        assertThat(page.data().get(0).isRoleEntry()).isTrue(); // the owner's implicit rw on /
        assertThat(page.data().get(0).roleType()).isEqualTo("administrator");
        assertThat(page.data().get(1).id()).isEqualTo(id);
        assertThat(page.isLast(0, 100)).isTrue();

        assertThat(owner.delete(guest, id)).isTrue();
        assertThat(owner.get(guest, id)).isEmpty();
        assertThat(owner.delete(guest, id)).as("already gone counts as deleted").isFalse();
        assertThat(h.sim.accessRules(guest)).isEmpty();
    }

    @Test
    void listPagesFollowOffsetAndTotal() {
        for (int i = 0; i < 5; i++) {
            owner.create(guest, AccessRuleRequest.identity(bob.id(), "/t/p" + i + "/", "r", null));
        }
        List<AccessRule> all = new ArrayList<>();
        int offset = 0;
        int pages = 0;
        while (true) {
            AccessListPage p = owner.listPage(guest, offset, 2);
            pages++;
            all.addAll(p.data());
            if (p.isLast(offset, 2)) {
                break;
            }
            offset += p.data().size();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(6).filteredOn(AccessRule::isRoleEntry).hasSize(1);
        assertThat(h.sim.requestCount("GET /transfer/v0.10/endpoint/{endpoint_id}/access_list")).isEqualTo(3);
    }

    @Test
    void anIdenticalRuleIsExistsAndANonManagerIsPermissionDenied() {
        owner.create(guest, AccessRuleRequest.identity(bob.id(), "/t/x/", "rw", null));
        assertThatThrownBy(() -> owner.create(guest, AccessRuleRequest.identity(bob.id(), "/t/x/", "rw", null)))
                .isInstanceOfSatisfying(GlobusApiException.class, e -> {
                    assertThat(e.exists()).isTrue();
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.requestId()).isNotBlank();
                });
        for (Runnable call : List.<Runnable>of(
                () -> bobsClient.create(guest, AccessRuleRequest.identity(bob.id(), "/t/mine/", "rw", null)),
                () -> bobsClient.listPage(guest, 0, 10))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(GlobusApiException.class, e -> {
                assertThat(e.permissionDenied()).isTrue();
                assertThat(e.status()).isEqualTo(403);
            });
        }
        assertThat(h.sim.accessRules(guest)).hasSize(1);
    }

    @Test
    void otherRefusalsKeepGlobusCodesAndAnUnknownCollectionIsNotAGoneRule() {
        assertThatThrownBy(() -> owner.create(mapped, AccessRuleRequest.identity(bob.id(), "/t/x/", "r", null)))
                .isInstanceOfSatisfying(GlobusApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("ClientError.BadRequest.NotSupported");
                    assertThat(e.exists() || e.permissionDenied()).isFalse();
                });
        assertThatThrownBy(() -> owner.create(guest, AccessRuleRequest.identity(bob.id(), "/t/x/", "r",
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(1))))
                .isInstanceOfSatisfying(GlobusApiException.class, e -> assertThat(e.code())
                        .isEqualTo("ClientError.BadRequest"));
        String unknown = "5e1b2c3d-0000-4000-8000-000000000000";
        assertThatThrownBy(() -> owner.delete(unknown, "3f2a7c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b"))
                .isInstanceOfSatisfying(GlobusApiException.class, e -> assertThat(e.code())
                        .isEqualTo("EndpointNotFound"));
        assertThatThrownBy(() -> owner.get(unknown, "3f2a7c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b"))
                .isInstanceOf(GlobusApiException.class);
    }

    @Test
    void aDeleteWhoseAnswerWasLostIsRetriedAndCountsAsDone() throws Exception {
        String id = owner.create(guest, AccessRuleRequest.identity(bob.id(), "/t/y/", "r", null));
        GlobusClientConfig impatient = GlobusClientConfig.builder()
                .authRoot(h.config.authRoot()).transferRoot(h.config.transferRoot()).clientId(h.config.clientId())
                .requestTimeout(Duration.ofMillis(500)).retryPolicy(RetryPolicy.withSleeper(h.sleeps::add)).build();
        AccessRuleClient client = new AccessRuleClient(impatient, h.manager(h.login()));
        h.sleeps.clear();
        // Globus deletes the rule, but its answer never arrives in time: the retry hears 404, which is done too
        h.sim.addFault(FaultSpec.answerDelay("DELETE /transfer/v0.10/endpoint/{endpoint_id}/access/{rule_id}",
                2_000, 1));
        try {
            assertThat(client.delete(guest, id)).isFalse();
        } finally {
            h.clearFaults();
        }
        assertThat(h.sleeps()).hasSize(1);
        assertThat(h.sim.accessRules(guest)).isEmpty();
    }
}
