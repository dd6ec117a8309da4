package org.sregistry.api;

import java.util.Optional;

/**
 * What a fragment may know about the page it is rendered into.
 *
 * @param path         the request path of the page, e.g. {@code /container/library/lolcow:latest}
 * @param containerUri the image the page shows, on container pages
 * @param csrfToken    the token unsafe requests from this page must carry (form field
 *                     {@code _csrf} or header {@code X-CSRF-Token})
 * @param admin        whether the viewer is the administrator
 */
public record UiContext(String path, Optional<String> containerUri, String csrfToken, boolean admin) {
}
