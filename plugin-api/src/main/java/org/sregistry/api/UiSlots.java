package org.sregistry.api;

import java.util.List;

/** The named places in host pages where plugins may add HTML fragments. */
public final class UiSlots {
    /** Links in the top navigation bar. */
    public static final String NAV = "nav";
    /** Panels on the home page. */
    public static final String HOME_PANELS = "home.panels";
    /** Buttons on a container's page; {@link UiContext#containerUri()} names the image. */
    public static final String CONTAINER_ACTIONS = "container.actions";
    /** Extra sections at the end of the settings page. */
    public static final String SETTINGS_SECTIONS = "settings.sections";
    /** Extra tags in every page's {@code <head>} (stylesheets, scripts from the plugin's assets). */
    public static final String HEAD = "head";

    /** Every slot, in page order. */
    public static final List<String> ALL = List.of(HEAD, NAV, HOME_PANELS, CONTAINER_ACTIONS, SETTINGS_SECTIONS);

    private UiSlots() {
    }
}
