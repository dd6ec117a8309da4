package org.sregistry.globus.notify;

import java.util.Optional;
import org.sregistry.api.PluginStore;
import org.sregistry.globus.transfers.LedgerJson;

/** Where each user's {@link NotifySettings} are kept: {@link PluginStore} kind {@value #KIND}, key = user name. */
public final class NotifySettingsStore {
    /** The PluginStore kind. */
    public static final String KIND = "globus-notify";

    private final PluginStore store;

    public NotifySettingsStore(PluginStore store) {
        this.store = store;
    }

    /** The user's settings; empty when they never saved any. */
    public Optional<NotifySettings> get(String user) {
        return store.get(KIND, user).map(text -> LedgerJson.read(text, NotifySettings.class));
    }

    /**
     * Changes the stored settings with {@code change} unless they changed meanwhile (compare-and-set): for the
     * registry's own bookkeeping, which must never undo a save the user made in between.
     */
    public boolean updateIfUnchanged(String user, java.util.function.UnaryOperator<NotifySettings> change) {
        Optional<String> current = store.get(KIND, user);
        if (current.isEmpty()) {
            return false;
        }
        NotifySettings next = change.apply(LedgerJson.read(current.get(), NotifySettings.class));
        return next != null && store.replace(KIND, user, current.get(), LedgerJson.write(next));
    }

    /** Forgets the user's settings (and with them the sealed webhook secret); false when there were none. */
    public boolean delete(String user) {
        return store.delete(KIND, user);
    }

    /** Replaces the user's settings (the last save wins: one person edits their own). */
    public void put(String user, NotifySettings settings) {
        store.put(KIND, user, LedgerJson.write(settings));
    }
}
