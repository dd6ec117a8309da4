package org.sregistry.host.web;

import java.util.Optional;
import java.util.function.Supplier;
import org.sregistry.api.PageRenderer;
import org.sregistry.api.UiSlots;
import org.sregistry.host.auth.CurrentRequest;

/** Wraps page bodies (the host's and plugins') in the common layout. */
public final class Layout implements PageRenderer {
    private final Templates templates;
    private final UiFragments fragments;
    private final Supplier<String> banner;

    public Layout(Templates templates, UiFragments fragments, Supplier<String> banner) {
        this.templates = templates;
        this.fragments = fragments;
        this.banner = banner;
    }

    @Override
    public String render(String title, String bodyHtml) {
        CurrentRequest request = CurrentRequest.get().orElse(null);
        org.sregistry.host.users.User signedIn = request == null ? null : request.user();
        String user = signedIn == null ? null : signedIn.username();
        String nav = user == null ? "" : fragments.render(UiSlots.NAV, Optional.empty());
        String head = fragments.render(UiSlots.HEAD, Optional.empty());
        return templates.render("layout.jte", new LayoutModel(title, bodyHtml, head, nav, user, signedIn != null && signedIn.admin(),
                CurrentRequest.csrfToken(), request == null ? "/" : request.path(), banner.get()));
    }

    /** Renders a host template as the body of a page. */
    public String page(String title, String template, Object model) {
        return render(title, templates.render(template, model));
    }

    /** Renders a host template alone, without the layout (a fragment htmx swaps into a page). */
    public String fragment(String template, Object model) {
        return templates.render(template, model);
    }

    @Override
    public String csrfToken() {
        return CurrentRequest.csrfToken();
    }
}
