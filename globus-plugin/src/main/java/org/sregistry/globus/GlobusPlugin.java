package org.sregistry.globus;

import org.pf4j.Plugin;
import org.sregistry.api.PluginContext;
import org.sregistry.globus.connection.GlobusServices;

/**
 * The Globus plugin's entry point. Its extensions (options, pages, commands) receive this instance by
 * constructor injection and share its {@link GlobusServices}.
 */
public class GlobusPlugin extends Plugin {
    private final PluginContext context;
    private final GlobusServices services;

    /** Created by the host's plugin factory with this plugin's context. */
    public GlobusPlugin(PluginContext context) {
        this.context = context;
        this.services = new GlobusServices(context);
    }

    /** The host services of this plugin. */
    public PluginContext context() {
        return context;
    }

    /** The Globus services shared by this plugin's extensions. */
    public GlobusServices services() {
        return services;
    }
}
