package org.sregistry.globus.web;

import java.time.Instant;
import java.util.List;
import org.sregistry.globus.notify.NotifyEvent;
import org.sregistry.globus.notify.NotifySettings;

/**
 * The "Notifications" card of {@code /globus}, and the page after saving it.
 *
 * @param csrfField     the host's hidden CSRF field
 * @param user          whose settings these are
 * @param email         e-mail on
 * @param mailAvailable the registry has SMTP settings
 * @param webhookUrl    the webhook URL, or null
 * @param events        the webhook's events (words)
 * @param secretSince   when the webhook's signing secret was made, or null
 * @param newSecret     the secret just made (shown this once), or null
 * @param message       a notice after saving, or null
 * @param error         why saving failed, or null
 */
public record NotificationsModel(String csrfField, String user, boolean email, boolean mailAvailable,
                                 String webhookUrl, List<String> events, Instant secretSince, String newSecret,
                                 String message, String error) {

    /** The card for {@code settings}. */
    static NotificationsModel of(String csrfField, String user, NotifySettings settings, boolean mailAvailable) {
        NotifySettings.Webhook webhook = settings.webhook();
        return new NotificationsModel(csrfField, user, settings.email(), mailAvailable,
                webhook == null ? null : webhook.url(),
                webhook == null ? List.of(NotifyEvent.SUCCEEDED.word(), NotifyEvent.FAILED.word())
                        : webhook.events().stream().map(NotifyEvent::word).toList(),
                webhook == null ? null : webhook.secretCreatedAt(), null, null, null);
    }

    /** The same with a notice, an error, or a secret to show once. */
    NotificationsModel with(String newMessage, String newError, String secret) {
        return new NotificationsModel(csrfField, user, email, mailAvailable, webhookUrl, events, secretSince, secret,
                newMessage, newError);
    }

    /** True when the webhook gets {@code event}. */
    public boolean sends(String event) {
        return events.contains(event);
    }
}
