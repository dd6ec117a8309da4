package org.sregistry.globus;

import org.pf4j.Plugin;
import org.sregistry.api.PluginContext;

/** The Globus plugin's entry point; shared services of its extensions hang off it. */
public class GlobusPlugin extends Plugin {
    private final PluginContext context;

    /** Created by the host's plugin factory with this plugin's context. */
    public GlobusPlugin(PluginContext context) {
        this.context = context;
    }

    /** The host services of this plugin. */
    public PluginContext context() {
        return context;
    }
}
