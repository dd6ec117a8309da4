package org.sregistry.host.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.RegistryServer;
import org.sregistry.registry.db.Database;

/** Retention with fixed clocks, and what details keep, on an SQLite database migrated like the server's. */
class AuditRetentionTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    private static void event(Database db, Instant at, String target) {
        try (Audit audit = new Audit(db, null, at(at))) {
            audit.record(null, "cli:test", null, "test.event", target, Audit.Outcome.OK, Map.of());
        }
    }

    @Test
    void deletesWhatIsOlderThanTheDaysAndZeroKeepsAll() {
        try (Database db = Database.open(dir)) {
            db.migrateExtra(RegistryServer.HOST_MIGRATIONS, RegistryServer.HOST_HISTORY_TABLE);
            Instant now = T0.plus(Duration.ofDays(400));
            event(db, T0, "old");
            event(db, now.minus(Duration.ofDays(10)), "recent");
            try (Audit audit = new Audit(db, null, at(now))) {
                assertThat(new AuditRetention(audit, () -> "0", at(now)).prune()).isZero();
                assertThat(audit.query(AuditQuery.latest()).events()).hasSize(2);
                AuditRetention defaults = new AuditRetention(audit, () -> null, at(now));
                assertThat(defaults.days()).isEqualTo(365);
                assertThat(new AuditRetention(audit, () -> "nonsense", at(now)).days()).isEqualTo(365);
                assertThat(defaults.prune()).isEqualTo(1);
                assertThat(audit.query(AuditQuery.latest()).events()).extracting(AuditEvent::target)
                        .containsExactly("recent");
                assertThat(new AuditRetention(audit, () -> "5", at(now)).prune()).isEqualTo(1);
                assertThat(audit.query(AuditQuery.latest()).events()).isEmpty();
            }
        }
    }

    @Test
    void detailsDropSecretLookingKeysAndEverythingIsClipped() {
        String json = Audit.details(Map.of("password", "x", "api_token", "y", "secretThing", "z", "privateKey", "k",
                "value", "v".repeat(1000), "n", 3));
        assertThat(json).doesNotContain("password", "api_token", "secretThing", "privateKey")
                .contains("\"n\":3").contains("v".repeat(Audit.DETAIL_VALUE_CHARS)).doesNotContain("v".repeat(Audit.DETAIL_VALUE_CHARS + 1));
        assertThat(Audit.details(Map.of())).isNull();
        assertThat(Audit.details(Map.of("token", "x"))).isNull();
        try (Database db = Database.open(dir)) {
            db.migrateExtra(RegistryServer.HOST_MIGRATIONS, RegistryServer.HOST_HISTORY_TABLE);
            try (Audit audit = new Audit(db, null, at(T0))) {
                audit.record(null, "a".repeat(100), "b".repeat(100), "c".repeat(100), "d".repeat(1000),
                        Audit.Outcome.DENIED, Map.of());
                AuditEvent e = audit.query(AuditQuery.latest()).events().get(0);
                assertThat(e.actor()).hasSize(64);
                assertThat(e.address()).hasSize(64);
                assertThat(e.action()).hasSize(64);
                assertThat(e.target()).hasSize(500);
                assertThat(e.outcome()).isEqualTo("denied");
            }
        }
    }
}
