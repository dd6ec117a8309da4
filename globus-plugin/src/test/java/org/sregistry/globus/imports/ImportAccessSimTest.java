package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sregistry.api.Access;
import org.sregistry.api.AuditLog;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * The import re-checks, for the user on the ledger record, that they may still push where the file goes; records
 * without a user (made before accounts) import as they always did. Each import is audited.
 */
class ImportAccessSimTest extends ImportSimTestBase {
    /** Who may push where: {@code user/collection}. */
    private final Set<String> grants = new HashSet<>();
    private final Set<String> users = new HashSet<>(Set.of("alice"));
    private final List<String> audited = new ArrayList<>();

    private final Access access = new Access() {
        @Override
        public Optional<Caller> caller() {
            return Optional.empty();
        }

        @Override
        public Optional<Caller> user(String username) {
            return users.contains(username) ? Optional.of(new Caller(username, "", false)) : Optional.empty();
        }

        @Override
        public boolean mayPull(Caller caller, String imageUri) {
            return false;
        }

        @Override
        public boolean mayPush(Caller caller, String collection) {
            return grants.contains(caller.username() + "/" + collection);
        }

        @Override
        public boolean mayManage(Caller caller, String collection) {
            return false;
        }
    };
    private final AuditLog audit = (action, target, details) -> audited.add(action + " " + target + " "
            + new java.util.TreeMap<>(details));

    private ImportRound.Outcome checkedRound() {
        ImportSetup open = setup(core, true, Clock.systemUTC(), () -> { });
        return round(new ImportSetup(open.transfer(), open.clientFor(), open.registry(), open.ledger(),
                open.submissions(), open.cursors(), open.staging(), open.quarantine(), open.endpointId(),
                open.importForeign(), open.clock(), open.afterAdd(), access, audit));
    }

    private TransferRecord pullBy(String user, String file, String name) throws Exception {
        world.clusterFile(file, GlobusWorld.imageBytes(file));
        TransferRecord pull = world.pull(ledger, file, name);
        if (user != null) {
            ledger.update(pull.taskId(), r -> r.withUser(user));
        }
        world.awaitFinished(pull.taskId());
        return record(pull.taskId());
    }

    @Test
    void aUserWhoMayStillPushGetsTheImageAndTheImportIsAuditedWithTheirName() throws Exception {
        grants.add("alice/demo");
        TransferRecord pull = pullBy("alice", "ok_v1.sif", "demo/ok:v1");

        checkedRound();

        assertThat(images()).singleElement().satisfies(i -> assertThat(i.name().withoutVersion())
                .isEqualTo("demo/ok:v1"));
        assertThat(record(pull.taskId()).user()).isEqualTo("alice");
        assertThat(record(pull.taskId()).items().get(0).state()).isEqualTo(ItemState.IMPORTED);
        assertThat(audited).singleElement().asString().startsWith("import demo/ok:v1@sha256:")
                .contains("user=alice", "task=" + pull.taskId(), "source_path=/~/ok_v1.sif");
    }

    @Test
    void aRevokedPushKeepsTheFileInQuarantineWithTheReasonAndAddsNothing() throws Exception {
        TransferRecord pull = pullBy("alice", "no_v1.sif", "demo/no:v1");

        checkedRound();

        assertThat(images()).isEmpty();
        var item = record(pull.taskId()).items().get(0);
        assertThat(item.state()).isEqualTo(ItemState.QUARANTINED);
        assertThat(item.reason()).contains("you may no longer push to demo");
        assertThat(item.nextAttemptAt()).as("not retried by itself").isNull();
        assertThat(Files.exists(Path.of(item.keptFile()))).as("the bytes are kept").isTrue();
        assertThat(audited).isEmpty();
        assertThat(record(pull.taskId()).messages()).anyMatch(m -> m.contains("you may no longer push to demo"));
    }

    @Test
    void aDisabledOrDeletedUsersTransferIsNotImported() throws Exception {
        grants.add("carol/demo");
        TransferRecord pull = pullBy("carol", "gone_v1.sif", "demo/gone:v1"); // carol is not (any more) a user

        checkedRound();

        assertThat(images()).isEmpty();
        assertThat(record(pull.taskId()).items().get(0).reason()).contains("you may no longer push to demo");
    }

    @Test
    void aRecordWithoutAUserIsImportedAsBefore() throws Exception {
        TransferRecord pull = pullBy(null, "old_v1.sif", "demo/old:v1");

        checkedRound();

        assertThat(images()).hasSize(1);
        assertThat(record(pull.taskId()).user()).isNull();
        assertThat(audited).singleElement().asString().doesNotContain("user=");
    }
}
