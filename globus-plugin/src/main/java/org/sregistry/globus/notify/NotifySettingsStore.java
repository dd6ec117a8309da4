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

    /** Replaces the user's settings (the last save wins: one person edits their own). */
    public void put(String user, NotifySettings settings) {
        store.put(KIND, user, LedgerJson.write(settings));
    }
}
