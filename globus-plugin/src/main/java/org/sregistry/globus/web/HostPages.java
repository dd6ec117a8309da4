package org.sregistry.globus.web;

import org.sregistry.api.PageRenderer;
import org.sregistry.api.PluginContext;

/**
 * The host's page renderer, looked up on each use: the CLI's plugin context has none (it throws), and the plugin's
 * resources are also built when the plugin starts for a CLI command.
 */
final class HostPages implements PageRenderer {
    private final PluginContext context;

    HostPages(PluginContext context) {
        this.context = context;
    }

    @Override
    public String render(String title, String bodyHtml) {
        return context.pages().render(title, bodyHtml);
    }

    @Override
    public String csrfToken() {
        return context.pages().csrfToken();
    }

    @Override
    public String csrfField() {
        return context.pages().csrfField();
    }
}
