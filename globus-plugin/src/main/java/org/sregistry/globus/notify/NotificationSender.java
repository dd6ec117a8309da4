package org.sregistry.globus.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.Access;
import org.sregistry.api.Mail;
import org.sregistry.api.MailException;
import org.sregistry.api.SecretUnreadableException;
import org.sregistry.api.Secrets;
import org.sregistry.globus.transfers.LedgerJson;

/**
 * Delivers the outbox entries that are due, run at the end of every import round: claims each by compare-and-set
 * (attempts + 1, leased for {@link #LEASE}), sends it, then marks it sent, or schedules the next try by
 * {@link Backoff} with the reason kept, or gives up after {@link Backoff#MAX_ATTEMPTS}. The settings are read at
 * delivery: a user who turned a channel off (or removed the webhook) meanwhile gets nothing more on it. At most
 * {@link #MAX_PER_ROUND} attempts per round, so a slow receiver cannot hold up imports for long.
 */
public final class NotificationSender {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationSender.class);
    /** Most attempts per round. */
    static final int MAX_PER_ROUND = 20;
    /** An attempt that has not finished by then (the process died) counts as failed. */
    static final Duration LEASE = Duration.ofMinutes(10);
    /** Longest reason kept. */
    private static final int MAX_ERROR = 500;

    private final Outbox outbox;
    private final NotifySettingsStore settings;
    private final WebhookSecrets secrets;
    private final Mail mail;
    private final WebhookClient webhooks;
    private final Function<String, Optional<Access.Caller>> users;
    private final Clock clock;

    /**
     * @param users who a user is now ({@link Access#user}): the webhook of one who is no administrator may not call
     *              inside the registry's network, and one without an enabled account gets nothing more
     */
    public NotificationSender(Outbox outbox, NotifySettingsStore settings, WebhookSecrets secrets, Mail mail,
                              WebhookClient webhooks, Function<String, Optional<Access.Caller>> users, Clock clock) {
        this.users = users;
        this.outbox = outbox;
        this.settings = settings;
        this.secrets = secrets;
        this.mail = mail;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Delivers what is due now; answers how many were delivered. Never throws for one entry's failure. */
    public int deliverDue(BooleanSupplier stopRequested) {
        int attempts = 0;
        int delivered = 0;
        for (String key : outbox.pendingKeys(200)) {
            if (attempts >= MAX_PER_ROUND || stopRequested.getAsBoolean()) {
                break;
            }
            try {
                Instant now = clock.instant();
                Optional<OutboxEntry> claimed = outbox.claim(key, now, now.plus(LEASE));
                if (claimed.isEmpty()) {
                    continue; // not due yet, taken by another process, or finished (then off the due list)
                }
                attempts++;
                if (attempt(key, claimed.get())) {
                    delivered++;
                }
            } catch (RuntimeException e) {
                LOG.warn("Notification {} could not be handled this round: {}", key, e.toString());
            }
        }
        return delivered;
    }

    /** One attempt; true when delivered. */
    private boolean attempt(String key, OutboxEntry entry) {
        Outcome outcome;
        try {
            outcome = send(key, entry);
        } catch (RuntimeException e) {
            outcome = Outcome.retry("unexpected failure: " + e);
            LOG.warn("Notification {}: unexpected failure", key, e);
        }
        Instant now = clock.instant();
        if (outcome.delivered()) {
            outbox.record(key, e -> e.sent(now));
            LOG.info("Notification {} delivered (attempt {})", key, entry.attempts());
            return true;
        }
        String error = outcome.error().length() > MAX_ERROR ? outcome.error().substring(0, MAX_ERROR) : outcome.error();
        Optional<Duration> wait = outcome.last() ? Optional.empty() : Backoff.after(entry.attempts());
        if (wait.isPresent()) {
            outbox.record(key, e -> e.failed(error, now.plus(wait.get())));
            LOG.info("Notification {} not delivered (attempt {} of {}): {}; next try in {}", key, entry.attempts(),
                    Backoff.MAX_ATTEMPTS, error, wait.get());
        } else {
            outbox.record(key, e -> e.gaveUp(error, now));
            LOG.warn("Notification {} given up after {} attempts: {}", key, entry.attempts(), error);
        }
        return false;
    }

    private Outcome send(String key, OutboxEntry entry) {
        NotifySettings current = settings.get(entry.user()).orElse(NotifySettings.none());
        if (!current.wants(entry.channel(), entry.event())) {
            return Outcome.giveUp(entry.channel().word() + " notifications of " + entry.event().word()
                    + " transfers were turned off before delivery");
        }
        return switch (entry.channel()) {
            case EMAIL -> email(entry);
            case WEBHOOK -> webhook(key, entry, current.webhook());
        };
    }

    private Outcome email(OutboxEntry entry) {
        try {
            mail.sendTo(entry.user(), NotificationMail.subject(entry.notice()), NotificationMail.text(entry.notice()));
            return Outcome.done();
        } catch (MailException e) {
            return Outcome.retry(e.getMessage());
        }
    }

    private Outcome webhook(String key, OutboxEntry entry, NotifySettings.Webhook webhook) {
        Optional<Access.Caller> owner = users.apply(entry.user());
        if (owner.isEmpty()) {
            return Outcome.giveUp("no enabled account " + entry.user() + " any more");
        }
        URI url;
        try {
            url = WebhookUrl.check(webhook.url(), owner.get().admin());
        } catch (InvalidNotifySettingsException e) {
            return Outcome.retry(e.getMessage());
        }
        String secret;
        try {
            Secrets.Opened opened = secrets.open(entry.user(), webhook.sealedSecret());
            secret = opened.plaintext();
            if (opened.stale()) {
                reseal(entry.user(), webhook, secret);
            }
        } catch (SecretUnreadableException e) {
            return Outcome.retry("the webhook's signing secret cannot be opened (" + e.getMessage()
                    + "); make a new one on the Globus page");
        }
        byte[] body = LedgerJson.write(entry.notice()).getBytes(StandardCharsets.UTF_8);
        long t = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Sregistry-Event", entry.event().word());
        headers.put("X-Sregistry-Delivery", key);
        headers.put("X-Sregistry-Signature", WebhookSigner.signature(secret, t, body));
        return webhooks.post(url, headers, body).map(Outcome::retry).orElse(Outcome.done());
    }

    /** Seals the secret again with the keyring's current key (it was sealed with an older one). */
    private void reseal(String user, NotifySettings.Webhook webhook, String secret) {
        settings.updateIfUnchanged(user, s -> s.webhook() == null
                || !webhook.sealedSecret().equals(s.webhook().sealedSecret()) ? null
                : new NotifySettings(s.email(), new NotifySettings.Webhook(s.webhook().url(), s.webhook().events(),
                        secrets.seal(user, secret), s.webhook().secretCreatedAt()), s.updatedAt()));
    }

    /** How an attempt went. */
    private record Outcome(boolean delivered, String error, boolean last) {
        static Outcome done() {
            return new Outcome(true, null, false);
        }

        static Outcome retry(String error) {
            return new Outcome(false, error, false);
        }

        static Outcome giveUp(String error) {
            return new Outcome(false, error, true);
        }
    }
}
