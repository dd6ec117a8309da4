package org.sregistry.globus;

import java.util.Set;
import org.pf4j.Extension;
import org.sregistry.api.ConfigChangeListener;
import org.sregistry.globus.config.GlobusKeys;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.imports.GlobusImportTask;

/**
 * Acts on option changes at once instead of at the next read: the sharing decision (kept up to ten minutes) is
 * made again when anything it rests on changed, and the import task runs now, so that a new poll interval, endpoint,
 * staging folder or service root applies from this run on instead of after the old interval.
 */
@Extension
public class GlobusConfigChanges implements ConfigChangeListener {
    /** What the sharing decision rests on besides the setting and the endpoint id, which it watches itself. */
    static final Set<String> SHARING_INPUTS = Set.of(GlobusKeys.SHARING, GlobusKeys.ENDPOINT, GlobusKeys.STAGING_PATH,
            GlobusKeys.STAGING_DIR, GlobusKeys.AUTH_URL, GlobusKeys.TRANSFER_URL, GlobusKeys.CLIENT_ID);

    private final GlobusServices services;

    /** Created by the host with the plugin instance. */
    public GlobusConfigChanges(GlobusPlugin plugin) {
        this.services = plugin.services();
    }

    @Override
    public void configChanged(Set<String> keys) {
        if (keys.stream().anyMatch(SHARING_INPUTS::contains)) {
            services.sharing().invalidate();
        }
        services.context().runTaskSoon(GlobusImportTask.NAME);
    }
}
