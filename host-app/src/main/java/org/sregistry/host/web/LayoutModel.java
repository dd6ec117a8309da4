package org.sregistry.host.web;

/**
 * What the page layout needs.
 *
 * @param title     page title (escaped by the template)
 * @param bodyHtml  the body, already escaped
 * @param headHtml  plugin {@code head} fragments
 * @param navHtml   plugin {@code nav} fragments
 * @param user      the signed-in user's name, or null
 * @param admin     true when that user is a registry administrator (the admin pages are linked)
 * @param csrfToken the session's CSRF token (htmx sends it as a header)
 * @param path      the request path, to mark the active nav link
 * @param banner    a banner text (e.g. demo mode), or null
 */
public record LayoutModel(String title, String bodyHtml, String headHtml, String navHtml, String user, boolean admin,
                          String csrfToken, String path, String banner) {
}
