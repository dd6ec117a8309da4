package org.sregistry.globus.web;

import java.util.List;
import org.pf4j.Extension;
import org.sregistry.api.Html;
import org.sregistry.api.UiContext;
import org.sregistry.api.UiContributor;
import org.sregistry.api.UiSlots;
import org.sregistry.globus.GlobusPlugin;
import org.sregistry.globus.transfers.SubmitIntents;
import org.sregistry.globus.transfers.TransferLedger;

/**
 * The plugin's fragments in host pages (the host shows them to administrators, and to every signed-in user while
 * {@link GlobusUserRoutes} opens the plugin to them; nothing of a disabled plugin): the "Globus"
 * navigation link, "Send with Globus" on a container's page (opens {@code /globus?send=<uri>}), and a home panel
 * with the viewer's recent transfers (everyone's for administrators), read from the ledger without calling Globus.
 */
@Extension
public class GlobusUi implements UiContributor {
    /** Transfers shown on the home panel. */
    static final int RECENT = 5;

    private final TransferVisibility visibility;
    private final Templates templates = new Templates();

    /** Fragments over the plugin's ledger. */
    public GlobusUi(GlobusPlugin plugin) {
        this.visibility = new TransferVisibility(plugin.context().access(),
                new TransferLedger(plugin.context().store(), plugin.context().clock()),
                new SubmitIntents(plugin.context().store()));
    }

    @Override
    public String fragment(String slot, UiContext page) {
        return switch (slot) {
            case UiSlots.NAV -> nav(page);
            case UiSlots.CONTAINER_ACTIONS -> page.containerUri().map(GlobusUi::sendAction).orElse(null);
            case UiSlots.HOME_PANELS -> homePanel();
            case UiSlots.HEAD -> "<link rel=\"stylesheet\" href=\"/static/globus/globus.css\">";
            default -> null;
        };
    }

    @Override
    public String assetsFolder() {
        return "assets";
    }

    private static String nav(UiContext page) {
        boolean current = page.path() != null && (page.path().equals("/globus") || page.path().startsWith("/globus/"));
        return "<li><a id=\"globus-nav\" href=\"/globus\" aria-current=\"" + (current ? "page" : "false")
                + "\">Globus</a></li>";
    }

    private static String sendAction(String uri) {
        return "<a role=\"button\" class=\"secondary\" id=\"globus-send-action\" href=\""
                + Html.escape("/globus?send=" + Links.enc(uri)) + "\">Send with Globus</a>";
    }

    private String homePanel() {
        if (!visibility.signedIn()) {
            return null;
        }
        List<TaskView> recent = visibility.page(RECENT, 0).stream().map(TaskView::of).toList();
        return templates.render("homepanel.jte", new ActivityModel(recent, null, false, null, ""));
    }
}
