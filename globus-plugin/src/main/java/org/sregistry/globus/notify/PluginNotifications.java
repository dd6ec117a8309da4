package org.sregistry.globus.notify;

import java.security.SecureRandom;
import java.util.function.BooleanSupplier;
import org.sregistry.api.PluginContext;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * The plugin's {@link TransferNotifications}: a {@link TransferNotifier} and a {@link NotificationSender} over the
 * plugin's store, secrets, the host's mail and the plugin clock. Cheap to make (the webhook HTTP client is made on
 * the first delivery), so the import task makes one per round with the rest of its setup.
 */
public final class PluginNotifications implements TransferNotifications {
    /** The host key with the registry's public URL, the base of the task links. */
    static final String PUBLIC_URL_KEY = "REGISTRY_PUBLIC_URL";

    private final TransferNotifier notifier;
    private final NotificationSender sender;

    private PluginNotifications(TransferNotifier notifier, NotificationSender sender) {
        this.notifier = notifier;
        this.sender = sender;
    }

    /** Notifications for the plugin of {@code context}. */
    public static PluginNotifications of(PluginContext context) {
        NotifySettingsStore settings = new NotifySettingsStore(context.store());
        Outbox outbox = new Outbox(context.store());
        return new PluginNotifications(
                new TransferNotifier(settings, outbox, () -> publicUrl(context), context.clock()),
                new NotificationSender(outbox, settings, new WebhookSecrets(context.secrets(), new SecureRandom()),
                        context.mail(), new WebhookClient("sregistry-" + context.pluginId()), context.access()::user,
                        context.clock()));
    }

    @Override
    public void closed(TransferRecord record) {
        notifier.closed(record);
    }

    @Override
    public void deliverDue(BooleanSupplier stopRequested) {
        sender.deliverDue(stopRequested);
    }

    /** {@code REGISTRY_PUBLIC_URL} without its trailing slash, or null. */
    static String publicUrl(PluginContext context) {
        return context.config().find(PUBLIC_URL_KEY).map(String::trim).filter(v -> !v.isEmpty())
                .map(v -> v.endsWith("/") ? v.substring(0, v.length() - 1) : v).orElse(null);
    }
}
