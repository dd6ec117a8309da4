package org.sregistry.host.web;

import java.util.Optional;
import org.sregistry.api.UiContext;
import org.sregistry.api.UiContributor;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.plugins.PluginHost;
import org.sregistry.host.plugins.PluginRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Collects the started plugins' fragments for a slot; a fragment that throws is left out and logged. */
public final class UiFragments {
    private static final Logger LOG = LoggerFactory.getLogger(UiFragments.class);
    private final PluginHost plugins;

    public UiFragments(PluginHost plugins) {
        this.plugins = plugins;
    }

    /**
     * The concatenated fragments of every started plugin for {@code slot}. Users who are not
     * administrators get none: the plugins' pages are the administrators' until a plugin checks
     * each user's rights itself (see {@link org.sregistry.host.auth.AdminPaths}), and a link to a
     * page that answers 403 helps nobody.
     */
    public String render(String slot, Optional<String> containerUri) {
        CurrentRequest request = CurrentRequest.get().orElse(null);
        if (request != null && request.user() != null && !request.user().admin()) {
            return "";
        }
        UiContext context = new UiContext(request == null ? "/" : request.path(), containerUri,
                CurrentRequest.csrfToken(), request != null && request.user() != null);
        StringBuilder html = new StringBuilder();
        for (PluginRecord plugin : plugins.started()) {
            for (UiContributor contributor : plugin.contributions().ui()) {
                try {
                    String fragment = PluginHost.withLoader(plugin.classLoader(),
                            () -> contributor.fragment(slot, context));
                    if (fragment != null) {
                        html.append(fragment);
                    }
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("Plugin {} failed to render slot {}; left out of the page", plugin.id(), slot, e);
                }
            }
        }
        return html.toString();
    }
}
