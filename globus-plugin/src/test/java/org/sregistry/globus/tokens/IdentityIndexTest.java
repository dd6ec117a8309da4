package org.sregistry.globus.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/** {@link IdentityIndex} on the host's real plugin store. */
class IdentityIndexTest {
    private static final String ID = "11111111-aaaa";

    @TempDir
    Path dir;
    Database db;
    JdbcPluginStore store;
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    /** username → identity their stored connection names */
    final Map<String, String> connections = new HashMap<>();
    IdentityIndex index;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        store = new JdbcPluginStore(db, "globus", Clock.systemUTC());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        index = new IdentityIndex(store, clock, (user, id) -> id.equals(connections.get(user)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aClaimWhoseConnectionIsStillBeingWrittenIsNotTakenOver() {
        index.claim(ID, "alice", "alice@uni.edu"); // her connection record is not written yet
        assertThatThrownBy(() -> index.claim(ID, "bob", "alice@uni.edu"))
                .isInstanceOf(IdentityInUseException.class);
        assertThat(index.holder(ID)).contains("alice");
    }

    @Test
    void aClaimWithoutAConnectionIsTakenOverOnceItIsOld() {
        index.claim(ID, "alice", "alice@uni.edu"); // and alice's process died before writing her connection
        now = now.plus(IdentityIndex.CLAIM_GRACE).plusSeconds(1);
        index.claim(ID, "bob", "alice@uni.edu");
        assertThat(index.holder(ID)).contains("bob");
    }

    @Test
    void anOldClaimBackedByAConnectionStaysItsHolders() {
        index.claim(ID, "alice", "alice@uni.edu");
        connections.put("alice", ID);
        now = now.plus(Duration.ofDays(30));
        assertThatThrownBy(() -> index.claim(ID, "bob", "alice@uni.edu"))
                .isInstanceOf(IdentityInUseException.class);
    }

    @Test
    void releaseFreesOnlyTheHoldersOwnClaim() {
        index.claim(ID, "alice", "alice@uni.edu");
        index.release(ID, "bob");
        assertThat(index.holder(ID)).contains("alice");
        index.release(ID, "alice");
        assertThat(index.holder(ID)).isEmpty();
        index.claim(ID, "bob", "alice@uni.edu");
        assertThat(index.holder(ID)).contains("bob");
    }

    @Test
    void aClaimWrittenBeforeClaimsHadADateCountsAsOld() {
        store.put(IdentityIndex.KIND, ID, "alice");
        assertThat(index.holder(ID)).contains("alice");
        index.claim(ID, "bob", "alice@uni.edu"); // alice's connection does not name it: stale
        assertThat(index.holder(ID)).contains("bob");
    }
}
