package org.sregistry.api;

/**
 * Wraps a plugin's page body in the host layout (navigation, banners, CSS, htmx). Call it while
 * handling a request: the current user, CSRF token and plugin fragments come from that request.
 */
public interface PageRenderer {

    /**
     * The complete HTML page.
     *
     * @param title    the page title (escaped by the host)
     * @param bodyHtml the body, already escaped by the plugin
     */
    String render(String title, String bodyHtml);

    /** The CSRF token of the current session, to put into forms as field {@code _csrf}. */
    String csrfToken();

    /** A hidden form field carrying the CSRF token, ready to put into a {@code <form>}. */
    default String csrfField() {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + Html.escape(csrfToken()) + "\">";
    }
}
