package org.sregistry.globus.web;

import java.util.Set;
import org.pf4j.Extension;
import org.sregistry.api.ResourceContributor;
import org.sregistry.globus.GlobusPlugin;

/** Registers the Globus pages under {@code /globus} while the plugin is enabled. */
@Extension
public class GlobusResources implements ResourceContributor {
    private final GlobusPlugin plugin;

    /** Resources over the plugin's shared services. */
    public GlobusResources(GlobusPlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public Set<Object> resources() {
        WebLogins logins = new WebLogins(plugin.context().clock());
        return Set.of(new GlobusPage(plugin.services(), new Templates(), logins));
    }
}
