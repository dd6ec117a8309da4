package org.sregistry.globus.cli;

import org.pf4j.Extension;
import org.sregistry.api.CommandContributor;
import org.sregistry.globus.GlobusPlugin;

/** Mounts {@code registry globus ...} (see {@link GlobusCommand}). */
@Extension
public class GlobusCommands implements CommandContributor {
    private final GlobusPlugin plugin;

    /** Commands working with the plugin's shared services. */
    public GlobusCommands(GlobusPlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public Object command() {
        return new GlobusCommand(plugin.services());
    }
}
