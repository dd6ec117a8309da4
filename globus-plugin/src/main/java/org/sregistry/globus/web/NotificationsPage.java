package org.sregistry.globus.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.sregistry.api.Access;
import org.sregistry.api.PageRenderer;
import org.sregistry.globus.notify.InvalidNotifySettingsException;
import org.sregistry.globus.notify.NotificationPreferences;
import org.sregistry.globus.notify.NotifyEvent;

/**
 * The form of the "Notifications" card ({@code POST /globus/notifications}, with the host's CSRF token): saves the
 * caller's settings and goes back to {@code /globus}; when a signing secret was just made, it answers a page that
 * shows it this once. A mistake answers the card again with the error and what was typed.
 */
@Path("globus/notifications")
@Produces(MediaType.TEXT_HTML)
public class NotificationsPage {
    private final NotificationPreferences preferences;
    private final NotificationsCard card;
    private final Access access;
    private final PageRenderer pages;

    NotificationsPage(NotificationPreferences preferences, NotificationsCard card, Access access, PageRenderer pages) {
        this.preferences = preferences;
        this.card = card;
        this.access = access;
        this.pages = pages;
    }

    /** The card lives on {@code /globus}. */
    @GET
    public Response show() {
        return Response.seeOther(URI.create("/globus#globus-notifications")).build();
    }

    /** Saves the caller's settings. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@FormParam("email") String email, @FormParam("webhook_url") String webhookUrl,
                         @FormParam("event") List<String> events, @FormParam("rotate") String rotate) {
        Access.Caller caller = access.caller().orElse(null);
        if (caller == null) {
            return Response.status(401).entity(pages.render("Notifications", "<p>Sign in first.</p>")).build();
        }
        String me = caller.username();
        boolean emailOn = "on".equals(email);
        boolean hasUrl = webhookUrl != null && !webhookUrl.isBlank();
        try {
            NotificationPreferences.Updated updated = preferences.update(caller, new NotificationPreferences.Change(
                    emailOn, webhookUrl, hasUrl ? NotifyEvent.parseAll(events) : java.util.Set.of(), "on".equals(rotate)));
            if (updated.newSecret() == null) {
                return Response.seeOther(URI.create("/globus?m=notifications#globus-notifications")).build();
            }
            return Response.ok(page(card.model(me).with("Notification settings saved. Configure the receiver with"
                    + " this secret to check each delivery's signature.", null, updated.newSecret()))).build();
        } catch (InvalidNotifySettingsException e) {
            NotificationsModel stored = card.model(me);
            NotificationsModel typed = new NotificationsModel(stored.csrfField(), me, emailOn, stored.mailAvailable(),
                    webhookUrl, events == null ? List.of() : events, stored.secretSince(), null, null, e.getMessage());
            return Response.status(400).entity(page(typed)).build();
        }
    }

    private String page(NotificationsModel model) {
        return pages.render("Globus · Notifications", card.html(model)
                + "<p><a href=\"/globus#globus-notifications\" id=\"globus-back\">Back to Globus</a></p>");
    }
}
