package org.sregistry.globus.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/** {@link ShareSlots} on the host's real plugin store, two instances standing for two registry processes. */
class ShareSlotsTest {

    @TempDir
    Path dir;
    Database db;
    JdbcPluginStore store;
    final AtomicInteger max = new AtomicInteger(2);
    ShareSlots processA;
    ShareSlots processB;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        store = new JdbcPluginStore(db, "globus", Clock.systemUTC());
        processA = new ShareSlots(store, max::get);
        processB = new ShareSlots(store, max::get);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void slotsAreCountedAcrossInstancesAndAFullSetIsTooManyTransfers() {
        ShareSlots.Slot s1 = processA.claim("sid-1");
        ShareSlots.Slot s2 = processB.claim("sid-2");
        assertThat(List.of(s1.index(), s2.index())).containsExactlyInAnyOrder(0, 1);
        assertThat(processA.inUse()).isEqualTo(2);
        assertThat(processB.inUse()).isEqualTo(2);
        assertThat(store.get(ShareSlots.KIND, Integer.toString(s1.index()))).contains("sid-1");

        assertThatThrownBy(() -> processA.claim("sid-3")).isInstanceOfSatisfying(SharingException.class, e -> {
            assertThat(e.reason()).isEqualTo(SharingException.Reason.TOO_MANY_TRANSFERS);
            assertThat(e.reason().code()).isEqualTo("too_many_transfers");
            assertThat(e.getMessage()).isEqualTo("2 transfers are in progress; try again when one ends");
        });

        assertThat(processB.release("sid-1")).as("any process may release").isTrue();
        assertThat(processA.inUse()).isEqualTo(1);
        ShareSlots.Slot s3 = processA.claim("sid-3");
        assertThat(s3.index()).isEqualTo(s1.index());
        assertThat(processB.heldBy("sid-3")).contains(s3);
        assertThat(processB.heldBy("sid-1")).isEmpty();
    }

    @Test
    void aRetriedClaimKeepsItsSlotAndARetriedReleaseFreesNoOneElses() {
        ShareSlots.Slot first = processA.claim("sid-1");
        assertThat(processB.claim("sid-1")).isEqualTo(first);
        assertThat(processA.inUse()).isEqualTo(1);

        assertThat(processA.release("sid-1")).isTrue();
        ShareSlots.Slot taken = processB.claim("sid-2");
        assertThat(taken.index()).as("the released slot is used again").isEqualTo(first.index());
        assertThat(processA.release("sid-1")).as("released already").isFalse();
        assertThat(processA.heldBy("sid-2")).contains(taken);
        assertThat(processA.held()).containsExactly(taken);
    }

    @Test
    void aLoweredMaxRefusesUntilEnoughAreReleased() {
        max.set(3);
        processA.claim("a");
        processA.claim("b");
        processA.claim("c");
        max.set(1);
        assertThat(processA.max()).isEqualTo(1);
        processA.release("a");
        assertThatThrownBy(() -> processB.claim("d")).isInstanceOf(SharingException.class);
        processA.release("b");
        assertThatThrownBy(() -> processB.claim("d")).isInstanceOf(SharingException.class);
        processA.release("c");
        assertThat(processB.claim("d").index()).isZero();
    }

    @Test
    void concurrentClaimsFromTwoInstancesNeverShareASlotOrExceedTheMax() throws Exception {
        max.set(5);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<ShareSlots.Slot> won = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                ShareSlots slots = i % 2 == 0 ? processA : processB;
                String owner = "sid-" + i;
                runs.add(pool.submit(() -> {
                    go.await();
                    try {
                        won.add(slots.claim(owner));
                    } catch (SharingException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : runs) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Set<Integer> indexes = new HashSet<>();
        won.forEach(s -> indexes.add(s.index()));
        assertThat(won).hasSize(5);
        assertThat(indexes).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(refused).hasValue(15);
        assertThat(processB.inUse()).isEqualTo(5);
    }

    @Test
    void anEmptyOwnerIsRefused() {
        assertThatThrownBy(() -> processA.claim("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> processA.release(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
