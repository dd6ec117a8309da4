package org.sregistry.globus.notify;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sregistry.api.Access;
import org.sregistry.api.AuditLog;
import org.sregistry.api.PluginContext;

/**
 * Reads and changes a user's own notification settings, for the API and the {@code /globus} card: checks the webhook
 * URL and events, makes the signing secret when a webhook is first set (or on request), and answers it once; it is
 * stored sealed and never shown again. Each change is audited as {@code globus.notifications.update}.
 */
public final class NotificationPreferences {
    private final NotifySettingsStore store;
    private final WebhookSecrets secrets;
    private final AuditLog audit;
    private final Clock clock;

    public NotificationPreferences(NotifySettingsStore store, WebhookSecrets secrets, AuditLog audit, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    /** The preferences over the plugin's store, secrets, audit log and clock. */
    public static NotificationPreferences of(PluginContext context) {
        return new NotificationPreferences(new NotifySettingsStore(context.store()),
                new WebhookSecrets(context.secrets(), new SecureRandom()), context.audit(), context.clock());
    }

    /**
     * What the user asks for.
     *
     * @param email        e-mail on or off
     * @param webhookUrl   the webhook URL; null or blank = no webhook (its secret is dropped)
     * @param events       the events the webhook gets
     * @param rotateSecret make a new secret (the old one stops working at once)
     */
    public record Change(boolean email, String webhookUrl, Set<NotifyEvent> events, boolean rotateSecret) {
    }

    /**
     * The result of a change.
     *
     * @param settings  what is stored now
     * @param newSecret the webhook secret just made (show it once), or null
     */
    public record Updated(NotifySettings settings, String newSecret) {
        @Override
        public String toString() {
            return "Updated[" + settings + (newSecret == null ? "" : ", new secret ***") + "]";
        }
    }

    /** The user's settings (none saved: everything off). */
    public NotifySettings of(String user) {
        return store.get(user).orElse(NotifySettings.none());
    }

    /**
     * Applies {@code change} to the settings of {@code me}, who may point a webhook into the registry's own network
     * only when an administrator.
     *
     * @throws InvalidNotifySettingsException for a URL or events that cannot be used (nothing is changed)
     */
    public Updated update(Access.Caller me, Change change) {
        String user = me.username();
        NotifySettings before = of(user);
        Instant now = clock.instant();
        NotifySettings.Webhook webhook = null;
        String newSecret = null;
        boolean wantsWebhook = change.webhookUrl() != null && !change.webhookUrl().isBlank();
        if (wantsWebhook) {
            URI url = WebhookUrl.check(change.webhookUrl(), me.admin());
            Set<NotifyEvent> events = change.events();
            if (events == null || events.isEmpty()) {
                throw new InvalidNotifySettingsException("webhook.events", "choose at least one of succeeded, failed");
            }
            NotifySettings.Webhook old = before.webhook();
            boolean keep = old != null && old.sealedSecret() != null && !change.rotateSecret();
            if (!keep) {
                newSecret = secrets.generate();
            }
            webhook = new NotifySettings.Webhook(url.toString(), List.copyOf(events),
                    keep ? old.sealedSecret() : secrets.seal(user, newSecret), keep ? old.secretCreatedAt() : now);
        }
        NotifySettings after = new NotifySettings(change.email(), webhook, now);
        store.put(user, after);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("email", Boolean.toString(after.email()));
        details.put("webhook", webhook == null ? "none" : URI.create(webhook.url()).getHost());
        if (webhook != null) {
            details.put("events", String.join(",", webhook.events().stream().map(NotifyEvent::word).toList()));
            details.put("new_signing", Boolean.toString(newSecret != null));
        }
        audit.record("notifications.update", user, details);
        return new Updated(after, newSecret);
    }
}
