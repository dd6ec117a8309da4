package org.sregistry.globus.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.client.AccessRule;

/** {@link RuleFinder} paging the simulator's {@code access_list}. */
class RuleFinderSimTest extends SharingSimTestBase {

    static final String LIST = "GET /transfer/v0.10/endpoint/{endpoint_id}/access_list";

    @Test
    void byPathPagesUntilItFindsTheRule() {
        for (int i = 0; i < 6; i++) {
            world.seed(guest, world.alice.id(), SharePaths.of(UUID.randomUUID().toString()), "r");
        }
        String path = SharePaths.of(UUID.randomUUID().toString());
        String wanted = world.seed(guest, world.bob.id(), path, "rw").id;
        world.sim.resetStats();

        AccessRule found = new RuleFinder(() -> service, 2).byPath(guest, path, world.bob.id()).orElseThrow();
        assertThat(found.id()).isEqualTo(wanted);
        assertThat(found.permissions()).isEqualTo("rw");
        // the owner's role entry and 7 rules, 2 a page
        assertThat(world.sim.requestCount(LIST)).isEqualTo(4);
    }

    @Test
    void byPathStopsAtThePageHoldingTheRule() {
        String path = SharePaths.of(UUID.randomUUID().toString());
        String wanted = world.seed(guest, world.bob.id(), path, "r").id;
        for (int i = 0; i < 6; i++) {
            world.seed(guest, world.alice.id(), SharePaths.of(UUID.randomUUID().toString()), "r");
        }
        world.sim.resetStats();
        assertThat(new RuleFinder(() -> service, 2).byPath(guest, path, world.bob.id()))
                .map(AccessRule::id).contains(wanted);
        assertThat(world.sim.requestCount(LIST)).isEqualTo(1);
    }

    @Test
    void allReadsEveryPageOnceRoleEntriesIncluded() {
        for (int i = 0; i < 5; i++) {
            world.seed(guest, world.alice.id(), "/shared/" + i + "/", "r");
        }
        world.sim.resetStats();
        List<AccessRule> all = new RuleFinder(() -> service, 3).all(guest);
        assertThat(all).hasSize(6);
        assertThat(all.get(0).isRoleEntry()).isTrue();
        assertThat(all).extracting(AccessRule::path).contains("/shared/0/", "/shared/4/");
        assertThat(world.sim.requestCount(LIST)).isEqualTo(2);
    }

    @Test
    void onlyTheSamePrincipalOnTheSameDirectoryMatchesAndRoleEntriesNever() {
        String path = SharePaths.of(UUID.randomUUID().toString());
        world.seed(guest, world.alice.id(), path, "r");
        world.seed(guest, world.bob.id(), path + "sub/", "r");
        RuleFinder finder = new RuleFinder(() -> service);

        assertThat(finder.byPath(guest, path, world.bob.id())).isEmpty();
        assertThat(finder.byPath(guest, path, world.alice.id())).isPresent();
        assertThat(finder.byPath(guest, path.substring(0, path.length() - 1), world.alice.id().toUpperCase()))
                .as("a directory without its trailing slash, an upper-case id").isPresent();
        assertThat(finder.byPath(guest, "/", world.service.id())).as("the owner's implicit rw on /").isEmpty();
        assertThat(finder.byPath(guest, SharePaths.of(UUID.randomUUID().toString()), world.alice.id())).isEmpty();
    }
}
