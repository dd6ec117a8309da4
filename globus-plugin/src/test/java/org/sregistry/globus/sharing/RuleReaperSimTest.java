package org.sregistry.globus.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.client.AccessRule;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globussim.control.FaultSpec;

/** {@link RuleReaper} on the simulator's guest collection: only old orphans of the share form go. */
class RuleReaperSimTest extends SharingSimTestBase {

    static final Duration OLD = RuleReaper.MIN_AGE.plusMinutes(1);

    RuleReaper reaper(Set<String> sidsInUse, List<String> asked) {
        return new RuleReaper(() -> service, new RuleFinder(() -> service, 2), sid -> {
            asked.add(sid);
            return sidsInUse.contains(sid);
        }, Clock.systemUTC());
    }

    /** A rule of {@code age} on {@code path}; answers its id. */
    String rule(String path, String permissions, Duration age) {
        String id = world.seed(guest, world.alice.id(), path, permissions).id;
        world.age(guest, id, age);
        return id;
    }

    @Test
    void removesAnOldOrphanAndKeepsEverythingElse() {
        String sidOrphan = UUID.randomUUID().toString();
        String sidInUse = UUID.randomUUID().toString();
        String sidFresh = UUID.randomUUID().toString();
        String admins = rule("/shared/", "r", Duration.ofDays(30));
        String adminsUnderT = rule("/t/", "r", Duration.ofDays(30));
        String notAShare = rule("/t/not-a-uuid/", "r", Duration.ofDays(30));
        String deeper = rule(SharePaths.of(UUID.randomUUID().toString()) + "sub/", "r", Duration.ofDays(30));
        String inUse = rule(SharePaths.of(sidInUse), "rw", OLD);
        String fresh = rule(SharePaths.of(sidFresh), "r", Duration.ofMinutes(2));
        String orphan = rule(SharePaths.of(sidOrphan), "r", OLD);
        List<String> asked = new CopyOnWriteArrayList<>();

        List<AccessRule> removed = reaper(Set.of(sidInUse), asked).reap(guest);

        assertThat(removed).extracting(AccessRule::id).containsExactly(orphan);
        assertThat(removed.get(0).path()).isEqualTo(SharePaths.of(sidOrphan));
        assertThat(removed.get(0).principal()).isEqualTo(world.alice.id());
        assertThat(world.sim.accessRules(guest)).extracting(r -> r.id)
                .containsExactlyInAnyOrder(admins, adminsUnderT, notAShare, deeper, inUse, fresh);
        assertThat(asked).as("only old rules of the share form are looked up").containsExactlyInAnyOrder(sidInUse,
                sidOrphan);
        // the owner's role entry is still listed, and a second run finds nothing to do
        assertThat(new RuleFinder(() -> service).all(guest)).filteredOn(AccessRule::isRoleEntry).hasSize(1);
        assertThat(reaper(Set.of(sidInUse), new CopyOnWriteArrayList<>()).reap(guest)).isEmpty();
    }

    @Test
    void aRuleWithoutCreateTimeIsKept() {
        String id = rule(SharePaths.of(UUID.randomUUID().toString()), "r", OLD);
        world.sim.accessRules(guest).stream().filter(r -> r.id.equals(id)).findFirst().orElseThrow().createTime = null;
        assertThat(reaper(Set.of(), new CopyOnWriteArrayList<>()).reap(guest)).isEmpty();
        assertThat(world.sim.accessRules(guest)).hasSize(1);
    }

    @Test
    void aFailedDeleteIsLeftForTheNextRunAndAFailedListingIsThrown() {
        String first = rule(SharePaths.of(UUID.randomUUID().toString()), "r", OLD);
        String second = rule(SharePaths.of(UUID.randomUUID().toString()), "r", OLD);
        world.sim.addFault(new FaultSpec("DELETE /transfer/v0.10/endpoint/{endpoint_id}/access/{rule_id}", 409, 1,
                null, 0, "Conflict", 0));
        List<AccessRule> removed;
        try {
            removed = reaper(Set.of(), new CopyOnWriteArrayList<>()).reap(guest);
        } finally {
            world.sim.clearFaults();
        }
        assertThat(removed).extracting(AccessRule::id).containsExactly(second);
        assertThat(world.sim.accessRules(guest)).extracting(r -> r.id).containsExactly(first);
        assertThat(reaper(Set.of(), new CopyOnWriteArrayList<>()).reap(guest)).extracting(AccessRule::id)
                .containsExactly(first);

        world.sim.addFault(new FaultSpec("GET /transfer/v0.10/endpoint/{endpoint_id}/access_list", 403, 1, null, 0,
                "PermissionDenied", 0));
        try {
            assertThatThrownBy(() -> reaper(Set.of(), new CopyOnWriteArrayList<>()).reap(guest))
                    .isInstanceOfSatisfying(GlobusApiException.class, e -> assertThat(e.permissionDenied()).isTrue());
        } finally {
            world.sim.clearFaults();
        }
    }
}
