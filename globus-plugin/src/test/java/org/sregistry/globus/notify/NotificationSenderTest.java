package org.sregistry.globus.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.Access;
import org.sregistry.api.Mail;
import org.sregistry.api.MailException;
import org.sregistry.api.SecretUnreadableException;
import org.sregistry.api.Secrets;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.host.testkit.ShiftableClock;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/**
 * The outbox and its sender on the real plugin store with a clock the test moves and a fake mail server: queued once
 * per transfer and channel however often the close repeats, retried on the backoff schedule with the reason kept,
 * given up after six attempts, and not sent at all once the user turned the channel off.
 */
class NotificationSenderTest {
    @TempDir
    Path dir;
    Database db;
    JdbcPluginStore store;
    final ShiftableClock clock = ShiftableClock.startingAt(Instant.parse("2030-01-01T00:00:00Z"));
    final FakeMail mail = new FakeMail();
    NotifySettingsStore settings;
    Outbox outbox;
    TransferNotifier notifier;
    NotificationSender sender;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        store = new JdbcPluginStore(db, "globus", clock);
        settings = new NotifySettingsStore(store);
        outbox = new Outbox(store);
        notifier = new TransferNotifier(settings, outbox, () -> "https://registry.example.org", clock);
        sender = new NotificationSender(outbox, settings, new WebhookSecrets(new PlainSecrets(), new SecureRandom()),
                mail, new WebhookClient("test"), name -> java.util.Optional.of(new Access.Caller(name, "", false)), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void advance(Duration d) {
        clock.advance(d);
    }

    private static TransferRecord closedPull(String task, String user, ItemState state) {
        TransferItem item = TransferItem.pending("/~/tool.sif", "/staging/tool.sif", "/tmp/tool.sif", "lab/tool:1")
                .with(state, state == ItemState.IMPORTED ? "lab/tool:1@sha256:ab12" : "lab/tool:1",
                        state == ItemState.FAILED ? "disk quota exceeded" : null, 1);
        return new TransferRecord(task, Direction.GET, "sregistry pull tool.sif", "cluster-id", "HPC Cluster",
                "registry-id", "sregistry", List.of(item), Instant.parse("2029-12-31T23:00:00Z"), null, false,
                List.of(), "sub-" + task, user);
    }

    private OutboxEntry entry(String task) {
        return outbox.get(Outbox.key(task, Channel.EMAIL, NotifyEvent.SUCCEEDED)).orElseThrow();
    }

    @Test
    void aCloseRepeatedQueuesOneMessageAndItIsSentOnce() {
        settings.put("alice", new NotifySettings(true, null, clock.instant()));
        TransferRecord record = closedPull("t1", "alice", ItemState.IMPORTED);

        notifier.closed(record);
        notifier.closed(record); // the round crashed after queueing, before the record was marked done
        assertThat(outbox.pendingKeys(10)).containsExactly("t1:email:succeeded");

        assertThat(sender.deliverDue(() -> false)).isEqualTo(1);
        assertThat(sender.deliverDue(() -> false)).isZero();
        notifier.closed(record); // and once more after delivery: still nothing new
        assertThat(sender.deliverDue(() -> false)).isZero();

        assertThat(mail.sent).hasSize(1);
        assertThat(mail.sent.get(0)).startsWith("alice|Globus transfer finished: lab/tool:1|")
                .contains("lab/tool:1@sha256:ab12: imported", "https://registry.example.org/globus/tasks/t1");
        assertThat(entry("t1").sentAt()).isEqualTo(clock.instant());
        assertThat(outbox.pendingKeys(10)).isEmpty();
    }

    @Test
    void aFailedDeliveryIsRetriedOnTheScheduleWithItsReasonKept() {
        settings.put("alice", new NotifySettings(true, null, clock.instant()));
        mail.failures.add("The SMTP server smtp:587 could not be reached (Connection refused)");
        mail.failures.add("The SMTP server smtp:587 did not take the message: 451 try later");
        notifier.closed(closedPull("t2", "alice", ItemState.IMPORTED));
        Instant start = clock.instant();

        sender.deliverDue(() -> false);
        assertThat(entry("t2").attempts()).isEqualTo(1);
        assertThat(entry("t2").lastError()).contains("Connection refused");
        assertThat(entry("t2").nextAt()).isEqualTo(start.plus(Duration.ofMinutes(1)));

        advance(Duration.ofSeconds(59));
        sender.deliverDue(() -> false);
        assertThat(entry("t2").attempts()).isEqualTo(1);

        advance(Duration.ofSeconds(1));
        sender.deliverDue(() -> false);
        assertThat(entry("t2").attempts()).isEqualTo(2);
        assertThat(entry("t2").lastError()).contains("451 try later");
        assertThat(entry("t2").nextAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

        advance(Duration.ofMinutes(5));
        assertThat(sender.deliverDue(() -> false)).isEqualTo(1);
        assertThat(entry("t2").attempts()).isEqualTo(3);
        assertThat(entry("t2").sentAt()).isNotNull();
        assertThat(mail.sent).hasSize(1);
    }

    @Test
    void afterSixFailedAttemptsItIsGivenUpWithTheLastError() {
        settings.put("alice", new NotifySettings(true, null, clock.instant()));
        for (int i = 1; i <= 10; i++) {
            mail.failures.add("refused #" + i);
        }
        notifier.closed(closedPull("t3", "alice", ItemState.IMPORTED));

        for (int round = 0; round < 12; round++) {
            sender.deliverDue(() -> false);
            advance(Duration.ofHours(6));
        }

        OutboxEntry given = entry("t3");
        assertThat(given.attempts()).isEqualTo(Backoff.MAX_ATTEMPTS);
        assertThat(given.gaveUpAt()).isNotNull();
        assertThat(given.lastError()).isEqualTo("refused #6");
        assertThat(mail.failures).hasSize(4);
        assertThat(outbox.pendingKeys(10)).isEmpty();
    }

    @Test
    void aChannelTurnedOffBeforeDeliveryGetsNothing() {
        settings.put("alice", new NotifySettings(true, null, clock.instant()));
        notifier.closed(closedPull("t4", "alice", ItemState.IMPORTED));
        settings.put("alice", new NotifySettings(false, null, clock.instant()));

        sender.deliverDue(() -> false);

        assertThat(mail.sent).isEmpty();
        assertThat(entry("t4").gaveUpAt()).isNotNull();
        assertThat(entry("t4").lastError()).contains("turned off");
    }

    @Test
    void onlyTheChosenEventsAndUsersAreQueued() {
        settings.put("alice", new NotifySettings(false, new NotifySettings.Webhook("https://ci.example.org/hook",
                List.of(NotifyEvent.FAILED), "sealed", clock.instant()), clock.instant()));

        notifier.closed(closedPull("t5", "alice", ItemState.IMPORTED)); // succeeded: alice wants failures only
        notifier.closed(closedPull("t6", "bob", ItemState.FAILED));     // bob saved no settings
        notifier.closed(closedPull("t7", null, ItemState.FAILED));      // a foreign transfer: nobody's
        notifier.closed(closedPull("t8", "alice", ItemState.FAILED));

        assertThat(outbox.pendingKeys(10)).containsExactly("t8:webhook:failed");
        TransferNotice notice = outbox.get("t8:webhook:failed").orElseThrow().notice();
        assertThat(notice.event()).isEqualTo(NotifyEvent.FAILED);
        assertThat(notice.files().get(0).reason()).isEqualTo("disk quota exceeded");
        assertThat(notice.images()).containsExactly("lab/tool:1");
    }

    @Test
    void theSecretIsMadeOnceStoredSealedAndRotatedOnRequest() {
        NotificationPreferences preferences = new NotificationPreferences(settings,
                new WebhookSecrets(new PlainSecrets(), new SecureRandom()), (action, target, details) -> { }, clock);

        NotificationPreferences.Updated first = preferences.update(ALICE, new NotificationPreferences.Change(true,
                "https://93.184.216.34/hook", Set.of(NotifyEvent.SUCCEEDED), false));
        NotificationPreferences.Updated again = preferences.update(ALICE, new NotificationPreferences.Change(true,
                "https://93.184.216.34/hook2", Set.of(NotifyEvent.SUCCEEDED, NotifyEvent.FAILED), false));
        NotificationPreferences.Updated rotated = preferences.update(ALICE, new NotificationPreferences.Change(true,
                "https://93.184.216.34/hook2", Set.of(NotifyEvent.FAILED), true));

        assertThat(first.newSecret()).startsWith(WebhookSecrets.PREFIX).hasSize(6 + 43);
        assertThat(again.newSecret()).isNull();
        assertThat(rotated.newSecret()).isNotNull().isNotEqualTo(first.newSecret());
        String stored = store.get(NotifySettingsStore.KIND, "alice").orElseThrow();
        assertThat(stored).doesNotContain(first.newSecret()).doesNotContain(rotated.newSecret());
        assertThat(rotated.toString()).doesNotContain(rotated.newSecret());
    }

    @Test
    void aUsersWebhookThatNowPointsInsideTheNetworkIsNotCalled() {
        // saved when the name was public, or by an administrator since demoted: checked again at delivery
        settings.put("alice", new NotifySettings(false, new NotifySettings.Webhook("http://169.254.169.254/latest/",
                List.of(NotifyEvent.SUCCEEDED), "sealed", clock.instant()), clock.instant()));
        notifier.closed(closedPull("t9", "alice", ItemState.IMPORTED));

        sender.deliverDue(() -> false);

        OutboxEntry entry = outbox.get("t9:webhook:succeeded").orElseThrow();
        assertThat(entry.sentAt()).isNull();
        assertThat(entry.lastError()).contains("169.254.169.254 is an address inside the registry's network");
    }

    static final Access.Caller ALICE = new Access.Caller("alice", "Alice", false);

    /** Records messages; fails while failures are queued. */
    static final class FakeMail implements Mail {
        final List<String> sent = new ArrayList<>();
        final Deque<String> failures = new ArrayDeque<>();

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public void sendTo(String username, String subject, String text) {
            if (!failures.isEmpty()) {
                throw new MailException(MailException.Reason.SEND_FAILED, failures.poll());
            }
            sent.add(username + "|" + subject + "|" + text);
        }
    }

    /** "Sealing" that a test can read back: enough to check where the secret goes. */
    static final class PlainSecrets implements Secrets {
        private final Map<String, String> sealed = new java.util.HashMap<>();

        @Override
        public String seal(String purpose, String plaintext) {
            String token = "s1.test." + java.util.UUID.randomUUID();
            sealed.put(purpose + "|" + token, plaintext);
            return token;
        }

        @Override
        public Opened open(String purpose, String value) {
            String plaintext = sealed.get(purpose + "|" + value);
            if (plaintext == null) {
                throw new SecretUnreadableException("not sealed for " + purpose);
            }
            return new Opened(plaintext, false);
        }
    }
}
