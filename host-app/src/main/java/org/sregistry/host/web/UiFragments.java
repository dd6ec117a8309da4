package org.sregistry.host.web;

import java.util.Optional;
import org.sregistry.api.UiContext;
import org.sregistry.api.UiContributor;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.plugins.PluginHost;
import org.sregistry.host.plugins.PluginPaths;
import org.sregistry.host.plugins.PluginRecord;

/**
 * Collects the started plugins' fragments for a slot; a fragment that throws is left out, counted and logged by
 * {@link FragmentFailures}.
 */
public final class UiFragments {
    private final PluginHost plugins;
    private final PluginPaths paths;
    private final FragmentFailures failures;

    public UiFragments(PluginHost plugins, PluginPaths paths, FragmentFailures failures) {
        this.plugins = plugins;
        this.paths = paths;
        this.failures = failures;
    }

    /** The failures of the plugins' fragments so far. */
    public FragmentFailures failures() {
        return failures;
    }

    /**
     * The concatenated fragments of every started plugin for {@code slot}. Signed-in users who are not
     * administrators get only the fragments of plugins that open some of their paths to them
     * ({@link org.sregistry.api.UserRoutes}, see {@link org.sregistry.host.auth.AdminPaths}): the other plugins'
     * pages answer them 403, and a link to such a page helps nobody. {@link UiContext#admin()} tells each
     * fragment whether the viewer is an administrator, so it can leave out admin-only links.
     */
    public String render(String slot, Optional<String> containerUri) {
        CurrentRequest request = CurrentRequest.get().orElse(null);
        boolean nonAdmin = request != null && request.user() != null && !request.user().admin();
        UiContext context = new UiContext(request == null ? "/" : request.path(), containerUri,
                CurrentRequest.csrfToken(), request != null && request.user() != null && request.user().admin());
        StringBuilder html = new StringBuilder();
        for (PluginRecord plugin : plugins.started()) {
            if (nonAdmin && !paths.opensPaths(plugin)) {
                continue;
            }
            for (UiContributor contributor : plugin.contributions().ui()) {
                try {
                    String fragment = PluginHost.withLoader(plugin.classLoader(),
                            () -> contributor.fragment(slot, context));
                    if (fragment != null) {
                        html.append(fragment);
                    }
                } catch (RuntimeException | LinkageError e) {
                    failures.record(plugin.id(), slot, e);
                }
            }
        }
        return html.toString();
    }
}
