package org.sregistry.testkit;

import org.sregistry.api.Html;
import org.sregistry.api.PageRenderer;

/**
 * A {@link PageRenderer} without the host layout: the escaped title and the body in a bare HTML document, and a
 * fixed CSRF token, so a test can assert on what the plugin's page put into the body.
 */
public final class FakePages implements PageRenderer {
    /** The token {@link #csrfToken()} answers. */
    public static final String CSRF_TOKEN = "fake-csrf-token";

    @Override
    public String render(String title, String bodyHtml) {
        return "<!DOCTYPE html><html><head><title>" + Html.escape(title) + "</title></head><body>" + bodyHtml
                + "</body></html>";
    }

    @Override
    public String csrfToken() {
        return CSRF_TOKEN;
    }
}
