package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sregistry.api.AddRequest;
import org.sregistry.api.AddResult;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.ImagePage;
import org.sregistry.api.ImageQuery;
import org.sregistry.api.InsufficientStorageException;
import org.sregistry.api.RegistryService;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Never destroy transferred data, against the simulator and the real registry core: an arrived file the registry
 * cannot take (its disk full, its database down, a name that is not valid) is kept in quarantine after the retry
 * budget, retried by itself, and deleted only by Discard.
 */
class QuarantineSimTest extends ImportSimTestBase {
    private static final Runnable NOTHING = () -> { };

    /** The real registry, whose adds fail while {@link #failure} is set (a full disk, a database that is down). */
    final class FlakyRegistry implements RegistryService {
        volatile IOException failure;
        final AtomicInteger adds = new AtomicInteger();

        private RegistryService real() {
            return core.forPlugin("globus");
        }

        @Override
        public ImagePage list(ImageQuery query) {
            return real().list(query);
        }

        @Override
        public Optional<ImageInfo> get(String uri) {
            return real().get(uri);
        }

        @Override
        public AddResult add(AddRequest request) throws IOException {
            adds.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return real().add(request);
        }

        @Override
        public boolean remove(String uri) {
            return real().remove(uri);
        }

        @Override
        public Path blobFile(ImageInfo image) {
            return real().blobFile(image);
        }

        @Override
        public InputStream open(ImageInfo image) throws IOException {
            return real().open(image);
        }
    }

    private final FlakyRegistry flaky = new FlakyRegistry();

    private ImportRound.Outcome round(Duration ahead) {
        return round(setup(flaky, true, later(ahead), NOTHING));
    }

    private QuarantineActions actions(AtomicInteger wakes) {
        return new QuarantineActions(ledger, quarantine, () -> world.staging, java.time.Clock.systemUTC(),
                wakes::incrementAndGet);
    }

    /** A finished pull whose adds fail until it is quarantined; answers its record. */
    private TransferRecord quarantinedPull(String file, String name, IOException failure) throws Exception {
        world.clusterFile(file, GlobusWorld.imageBytes(file));
        TransferRecord pull = world.pull(ledger, file, name);
        world.awaitFinished(pull.taskId());
        flaky.failure = failure;
        for (int i = 0; i < ArrivedFileImporter.MAX_ATTEMPTS; i++) {
            round(Duration.ZERO);
        }
        return record(pull.taskId());
    }

    @Test
    void aFileTheFullRegistryCannotTakeIsQuarantinedNotDeletedAndImportedByItselfOnceItsBackoffEnds()
            throws Exception {
        TransferRecord pull = quarantinedPull("full_v1.sif", "demo/full:v1",
                new IOException("No space left on device"));
        Path staged = Path.of(pull.items().get(0).stagedFile());
        long size = GlobusWorld.imageBytes("full_v1.sif").length;

        TransferItem item = pull.items().get(0);
        assertThat(item.state()).isEqualTo(ItemState.QUARANTINED);
        assertThat(item.reason()).contains("No space left on device");
        assertThat(staged).doesNotExist();
        assertThat(Path.of(item.keptFile())).startsWith(quarantine.dir()).exists().hasSize(size);
        assertThat(images()).isEmpty();
        assertThat(pull.done()).isFalse();

        flaky.failure = null; // space is back
        int before = flaky.adds.get();
        round(Duration.ZERO);
        assertThat(flaky.adds.get()).as("not before its backoff").isEqualTo(before);

        round(Quarantine.FIRST_RETRY.plusSeconds(5));
        TransferRecord imported = record(pull.taskId());
        assertThat(imported.items().get(0).state()).isEqualTo(ItemState.IMPORTED);
        assertThat(imported.messages()).anyMatch(m -> m.contains("imported demo/full:v1 from quarantine"));
        assertThat(images()).singleElement()
                .satisfies(i -> assertThat(i.name().withoutVersion()).isEqualTo("demo/full:v1"));
        round(Duration.ZERO);
        assertThat(record(pull.taskId()).done()).isTrue();
        assertThat(Path.of(item.keptFile())).as("removed once the import is committed").doesNotExist();
    }

    @Test
    void aFullFolderTheRegistryNamesIsRememberedSoTheFileIsRetriedWhenThereIsRoomAgain() throws Exception {
        Path images = Files.createDirectories(dir.resolve("full-images"));
        TransferRecord pull = quarantinedPull("named_v1.sif", "demo/named:v1",
                new InsufficientStorageException(images, 10, Long.MAX_VALUE / 4));

        TransferItem item = pull.items().get(0);
        assertThat(item.state()).isEqualTo(ItemState.QUARANTINED);
        assertThat(item.waitingForSpace()).isEqualTo(new TransferItem.SpaceWait(images.toString(), Long.MAX_VALUE / 4));
        assertThat(QuarantineRetries.due(item, Instant.now())).as("still no room").isFalse();
        TransferItem roomy = item.rescheduled(ItemState.QUARANTINED, item.reason(), item.attempts(),
                item.nextAttemptAt(), new TransferItem.SpaceWait(images.toString(), 1));
        assertThat(QuarantineRetries.due(roomy, Instant.now())).as("room again: at once, whatever the backoff")
                .isTrue();
    }

    @Test
    void retryImportsAQuarantinedFileAtOnceEvenWhenItsMoveIntoQuarantineWasCutShort() throws Exception {
        TransferRecord pull = quarantinedPull("retry_v1.sif", "demo/retry:v1", new IOException("database is down"));
        TransferItem item = pull.items().get(0);
        Path staged = Path.of(item.stagedFile());
        Files.move(Path.of(item.keptFile()), staged); // as if the process died between the ledger write and the move
        flaky.failure = null;
        AtomicInteger wakes = new AtomicInteger();

        assertThat(actions(wakes).retry(pull.taskId(), 0)).isEqualTo(QuarantineActions.Result.DONE);
        assertThat(wakes.get()).as("the import task is woken").isEqualTo(1);
        assertThat(record(pull.taskId()).items().get(0).state()).isEqualTo(ItemState.RETRYING);
        round(Duration.ZERO);
        round(Duration.ZERO);

        assertThat(images()).singleElement()
                .satisfies(i -> assertThat(i.name().withoutVersion()).isEqualTo("demo/retry:v1"));
        assertThat(record(pull.taskId()).done()).isTrue();
        assertThat(staged).doesNotExist();
        assertThat(Path.of(item.keptFile())).doesNotExist();
        assertThat(actions(wakes).retry(pull.taskId(), 0)).isEqualTo(QuarantineActions.Result.NOT_QUARANTINED);
    }

    @Test
    void aFileWithAnInvalidNameIsQuarantinedAtOnceNeverRetriedUnaskedAndDeletedOnlyByDiscard() throws Exception {
        world.clusterFile("weird_v1.sif", GlobusWorld.imageBytes("weird"));
        TransferRecord pull = world.pull(ledger, "weird_v1.sif", "Not A Valid Name!!");
        world.awaitFinished(pull.taskId());

        round(Duration.ZERO);
        TransferItem item = record(pull.taskId()).items().get(0);
        assertThat(item.state()).isEqualTo(ItemState.QUARANTINED);
        assertThat(item.reason()).contains("not valid");
        assertThat(item.nextAttemptAt()).as("no retry will help").isNull();
        Path kept = Path.of(item.keptFile());
        assertThat(kept).exists();
        round(Duration.ofDays(2));
        assertThat(record(pull.taskId()).items().get(0).attempts()).isEqualTo(item.attempts());

        AtomicInteger wakes = new AtomicInteger();
        assertThat(actions(wakes).discard(pull.taskId(), 0)).isEqualTo(QuarantineActions.Result.DONE);
        assertThat(kept).doesNotExist();
        TransferRecord discarded = record(pull.taskId());
        assertThat(discarded.items().get(0).state()).isEqualTo(ItemState.FAILED);
        assertThat(discarded.items().get(0).reason()).startsWith("discarded on the activity page");
        assertThat(discarded.messages()).anyMatch(m -> m.contains("discarded on the activity page"));
        round(Duration.ZERO);
        assertThat(record(pull.taskId()).done()).isTrue();
        assertThat(images()).isEmpty();
        assertThat(actions(wakes).discard(pull.taskId(), 0)).isEqualTo(QuarantineActions.Result.NOT_QUARANTINED);
        assertThat(actions(wakes).discard(pull.taskId(), 7)).isEqualTo(QuarantineActions.Result.UNKNOWN);
    }
}
