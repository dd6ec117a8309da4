package org.sregistry.globus.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.connection.ConnectionRef;
import org.sregistry.globus.transfers.ShareRef;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/** Planning a transfer's rule: a slot per transfer, at most a third of them per person, freed by the removal. */
class TransferSharesTest {
    private static final ConnectionRef ALICE = new ConnectionRef("alice", "11111111-1111-4111-8111-111111111111");
    private static final ConnectionRef BOB = new ConnectionRef("bob", "22222222-2222-4222-8222-222222222222");

    @TempDir
    Path dir;
    Database db;
    ShareSlots slots;
    TransferShares shares;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        slots = new ShareSlots(new JdbcPluginStore(db, "globus", Clock.systemUTC()), () -> 6);
        RuleFinder finder = new RuleFinder(() -> {
            throw new AssertionError("planning asks Globus nothing");
        });
        shares = new TransferShares(new Shares(() -> {
            throw new AssertionError("planning asks Globus nothing");
        }, finder), finder, slots, () -> "guest-collection", () -> Duration.ofHours(72), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ShareRef plan(ConnectionRef who, String sid) {
        return shares.plan(sid, who, "rw", SharePaths.of(sid));
    }

    @Test
    void onePersonHoldsAtMostAThirdOfTheSlotsAndOthersStillGetTheirs() {
        String first = UUID.randomUUID().toString();
        ShareRef planned = plan(ALICE, first);
        plan(ALICE, UUID.randomUUID().toString());
        assertThat(planned.principal()).isEqualTo(ALICE.identityId());
        assertThat(planned.path()).isEqualTo("/t/" + first + "/");
        assertThat(planned.expiresAt()).isAfter(planned.plannedAt().plus(Duration.ofHours(72)));

        assertThatThrownBy(() -> plan(ALICE, UUID.randomUUID().toString()))
                .isInstanceOf(SharingException.class).hasMessageContaining("you have 2 transfers in progress")
                .extracting(e -> ((SharingException) e).reason()).isEqualTo(SharingException.Reason.TOO_MANY_TRANSFERS);
        plan(BOB, UUID.randomUUID().toString());
        assertThat(slots.inUse()).isEqualTo(3);

        shares.remove(planned.failed("not made"), first); // nothing made at Globus: only the slot goes
        plan(ALICE, UUID.randomUUID().toString());
        assertThat(slots.inUse()).isEqualTo(3);
    }

    @Test
    void aConnectionWithoutAKnownIdentityGetsNoRuleAndNoSlot() {
        assertThatThrownBy(() -> plan(new ConnectionRef("carol", null), UUID.randomUUID().toString()))
                .isInstanceOf(SharingException.class).hasMessageContaining("connect again");
        assertThat(slots.inUse()).isZero();
        assertThat(shares.plan(UUID.randomUUID().toString(), null, "r", "/t/x/")).isNull();
    }
}
