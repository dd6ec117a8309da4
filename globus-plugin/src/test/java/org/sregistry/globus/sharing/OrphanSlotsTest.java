package org.sregistry.globus.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/** {@link OrphanSlots} on the host's real plugin store. */
class OrphanSlotsTest {

    @TempDir
    Path dir;
    Database db;
    ShareSlots slots;
    OrphanSlots orphans;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        slots = new ShareSlots(new JdbcPluginStore(db, "globus", Clock.systemUTC()), () -> 3);
        orphans = new OrphanSlots(slots);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aSlotWithoutATransferIsFreedOnTheSecondPassOnly() {
        slots.claim("alice-id/sid-live");
        slots.claim("alice-id/sid-lost");
        Set<String> live = Set.of("sid-live");

        assertThat(orphans.release(live::contains)).isEmpty();
        assertThat(slots.inUse()).isEqualTo(2);

        assertThat(orphans.release(live::contains)).containsExactly("alice-id/sid-lost");
        assertThat(slots.held()).extracting(ShareSlots.Slot::owner).containsExactly("alice-id/sid-live");
        // the freed slot serves the next transfer
        slots.claim("bob-id/sid-new");
        slots.claim("bob-id/sid-other");
        assertThat(slots.inUse()).isEqualTo(3);
    }

    @Test
    void aSlotWhoseIntentAppearsBetweenTwoPassesIsKept() {
        slots.claim("alice-id/sid-1");
        assertThat(orphans.release(sid -> false)).isEmpty(); // claimed, its intent not written yet
        assertThat(orphans.release(sid -> sid.equals("sid-1"))).isEmpty();
        assertThat(orphans.release(sid -> false)).isEmpty(); // suspected again, from scratch
        assertThat(slots.inUse()).isEqualTo(1);
    }

    @Test
    void aFailingLookupFreesNothing() {
        slots.claim("alice-id/sid-1");
        orphans.release(sid -> false);
        assertThatThrownBy(() -> orphans.release(sid -> {
            throw new IllegalStateException("database away");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(slots.inUse()).isEqualTo(1);
    }

    @Test
    void theTransferPartOfAnOwner() {
        assertThat(SlotOwner.sidOf("ident/abc")).isEqualTo("abc");
        assertThat(SlotOwner.sidOf("abc")).isEqualTo("abc");
    }
}
