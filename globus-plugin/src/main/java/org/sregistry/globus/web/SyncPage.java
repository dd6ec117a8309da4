package org.sregistry.globus.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.function.Function;
import org.sregistry.api.Access;
import org.sregistry.api.PageRenderer;
import org.sregistry.globus.sync.SyncRuleException;
import org.sregistry.globus.sync.SyncRuleInput;
import org.sregistry.globus.sync.SyncRules;
import org.sregistry.globus.sync.SyncSchedule;

/**
 * The forms of scheduled sync, with the host's CSRF token: {@code GET /globus/sync/new} and {@code POST /globus/sync}
 * (a new rule), {@code POST /globus/sync/{id}/enable|disable|run|delete} (the card's buttons). Each goes back to
 * {@code /globus} with a fixed notice; a refusal answers the form (with what was typed) or the card again with the
 * reason (400 naming the field, 403, 404, 409).
 */
@Path("globus/sync")
@Produces(MediaType.TEXT_HTML)
public class SyncPage {
    private static final String BACK = "<p><a href=\"/globus#globus-sync\" id=\"globus-back\">Back to Globus</a></p>";

    private final SyncRules rules;
    private final SyncCard card;
    private final Access access;
    private final PageRenderer pages;

    SyncPage(SyncRules rules, SyncCard card, Access access, PageRenderer pages) {
        this.rules = rules;
        this.card = card;
        this.access = access;
        this.pages = pages;
    }

    /** The card lives on {@code /globus}. */
    @GET
    public Response show() {
        return Response.seeOther(URI.create("/globus#globus-sync")).build();
    }

    /** The form for a new rule. */
    @GET
    @Path("new")
    public String newRule() {
        return formPage(SyncFormModel.Form.empty(), null);
    }

    /** Makes a rule from the form. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("match") String match, @FormParam("endpoint_id") String endpointId,
                           @FormParam("path") String path, @FormParam("every") String every,
                           @FormParam("at") String at, @FormParam("zone") String zone, @FormParam("day") String day) {
        Access.Caller me = access.caller().orElse(null);
        if (me == null) {
            return signIn();
        }
        String weekly = SyncSchedule.WEEKLY.equals(every) ? day : null; // the form always sends a day
        try {
            rules.create(me, new SyncRuleInput(endpointId, card.endpointName(endpointId).orElse(null), path, match,
                    every, at, zone, weekly, true));
            return seeOther("sync-created");
        } catch (SyncRuleException e) {
            SyncFormModel.Form typed = new SyncFormModel.Form(blank(endpointId), blank(path), blank(match),
                    blank(every), blank(at), blank(zone), blank(day));
            return Response.status(e.kind().status()).entity(formPage(typed, e.getMessage())).build();
        }
    }

    /** Switches a rule on. */
    @POST
    @Path("{id}/enable")
    public Response enable(@PathParam("id") String id) {
        return act(me -> {
            rules.update(me, id, switched(true));
            return "sync-updated";
        });
    }

    /** Switches a rule off. */
    @POST
    @Path("{id}/disable")
    public Response disable(@PathParam("id") String id) {
        return act(me -> {
            rules.update(me, id, switched(false));
            return "sync-updated";
        });
    }

    /** Runs a rule within the next round of the import task. */
    @POST
    @Path("{id}/run")
    public Response run(@PathParam("id") String id) {
        return act(me -> {
            rules.runNow(me, id);
            return "sync-run";
        });
    }

    /** Deletes a rule. */
    @POST
    @Path("{id}/delete")
    public Response delete(@PathParam("id") String id) {
        return act(me -> {
            rules.delete(me, id);
            return "sync-deleted";
        });
    }

    /** Runs {@code action} for the caller: a redirect with its notice, or the card with the refusal. */
    private Response act(Function<Access.Caller, String> action) {
        Access.Caller me = access.caller().orElse(null);
        if (me == null) {
            return signIn();
        }
        try {
            return seeOther(action.apply(me));
        } catch (SyncRuleException e) {
            String body = card.html(card.model(me).with(e.getMessage())) + BACK;
            return Response.status(e.kind().status()).entity(pages.render("Globus · Scheduled sync", body)).build();
        }
    }

    private String formPage(SyncFormModel.Form form, String error) {
        return pages.render("Globus · New sync rule", card.form(form, error) + BACK);
    }

    private Response signIn() {
        return Response.status(401).entity(pages.render("Scheduled sync", "<p>Sign in first.</p>")).build();
    }

    private static Response seeOther(String notice) {
        return Response.seeOther(URI.create("/globus?m=" + notice + "#globus-sync")).build();
    }

    private static SyncRuleInput switched(boolean on) {
        return new SyncRuleInput(null, null, null, null, null, null, null, null, on);
    }

    private static String blank(String text) {
        return text == null ? "" : text;
    }
}
