package org.sregistry.api;

import org.pf4j.ExtensionPoint;

/**
 * Contributes HTML fragments to named slots of host pages ({@link UiSlots}) and static assets.
 *
 * <p>Fragments are inserted as they are: escape every value that did not come from the plugin
 * itself (see {@link Html#escape(String)}). A fragment that throws is left out of the page and
 * logged; the page still renders.
 */
public interface UiContributor extends ExtensionPoint {

    /**
     * The fragment for {@code slot}, or {@code null}/empty for none.
     *
     * @param slot one of {@link UiSlots}
     * @param context the page being rendered
     */
    String fragment(String slot, UiContext context);

    /**
     * A classpath folder inside the plugin jar (e.g. {@code "static"}) whose files the host
     * serves under {@code /static/{pluginId}/}; {@code null} for none.
     */
    default String assetsFolder() {
        return null;
    }
}
