package org.sregistry.globus.web;

import org.pf4j.Extension;
import org.sregistry.api.UiContext;
import org.sregistry.api.UiContributor;
import org.sregistry.api.UiSlots;

/** The "Globus" link in the navigation bar (admins only; the host shows nothing of a disabled plugin). */
@Extension
public class GlobusUi implements UiContributor {

    @Override
    public String fragment(String slot, UiContext page) {
        if (!UiSlots.NAV.equals(slot) || !page.admin()) {
            return null;
        }
        boolean current = page.path() != null && (page.path().equals("/globus") || page.path().startsWith("/globus/"));
        return "<li><a id=\"globus-nav\" href=\"/globus\" aria-current=\"" + (current ? "page" : "false")
                + "\">Globus</a></li>";
    }
}
