package org.sregistry.globus.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.PageRenderer;
import org.sregistry.globus.browse.EndpointIds;
import org.sregistry.globus.browse.InvalidInputException;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.connection.GlobusNotConfiguredException;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.connection.InvalidCodeException;
import org.sregistry.globus.connection.PendingLogin;
import org.sregistry.globus.consent.ConsentScope;

/**
 * {@code /globus/consent/{endpoint_id}}: "Grant access" for a GCS v5 collection that answered
 * {@code ConsentRequired}. It runs the same paste-the-code login as "Connect Globus", asking for the Transfer scope
 * with the collection's {@code data_access} dependency; the new token is stored beside the login's (which stay
 * as they were), and the admin returns to the listing or transfer, which now uses it.
 */
@Path("globus/consent")
@Produces(MediaType.TEXT_HTML)
public class ConsentPage {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentPage.class);

    private final GlobusServices services;
    private final CallerConnection mine;
    private final WebLogins logins;
    private final Templates templates;
    private final PageRenderer pages;

    /** The page over the plugin's services; {@code logins} holds consent logins per session and collection. */
    public ConsentPage(GlobusServices services, CallerConnection mine, WebLogins logins, Templates templates,
                       PageRenderer pages) {
        this.services = services;
        this.mine = mine;
        this.logins = logins;
        this.templates = templates;
        this.pages = pages;
    }

    /** The page with "Grant access" and the code form. */
    @GET
    @Path("{endpointId}")
    public Response page(@PathParam("endpointId") String endpointId, @QueryParam("then") String then) {
        return render(200, endpointId, then, null);
    }

    /** Finishes the consent login with the code Globus showed, then returns to {@code then}. */
    @POST
    @Path("{endpointId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response code(@PathParam("endpointId") String endpointId, @FormParam("code") String code,
                         @FormParam("then") String then) {
        String id;
        try {
            id = EndpointIds.check(endpointId);
        } catch (InvalidInputException e) {
            return problem(e.getMessage());
        }
        PendingLogin pending = logins.find(key(id)).orElse(null);
        if (pending == null) {
            return render(400, id, then, "No consent login is in progress for this page (it may have expired): use "
                    + "\"Grant access\" again, then paste the new code.");
        }
        try {
            mine.get().login().completeConsent(pending, code, ConsentScope.forCollection(id).key());
            logins.forget(key(id));
            String back = Links.safeReturn(then, Links.browse(id, null, null));
            return Response.seeOther(URI.create(back + (back.contains("?") ? "&" : "?") + "m=consent")).build();
        } catch (InvalidCodeException | GlobusNotConfiguredException e) {
            return render(400, id, then, e.getMessage());
        } catch (GlobusApiException e) {
            LOG.info("Globus consent login refused: {}", e.code());
            return render(e.networkError() ? 502 : 400, id, then, e.networkError()
                    ? "Globus did not answer (" + e.globusMessage() + "). Try again."
                    : "Globus did not accept the code (" + e.code() + "). Codes work once: use \"Grant access\" "
                    + "again and paste the new code.");
        }
    }

    private Response render(int status, String rawId, String then, String error) {
        String id;
        try {
            id = EndpointIds.check(rawId);
        } catch (InvalidInputException e) {
            return problem(e.getMessage());
        }
        String back = Links.safeReturn(then, Links.browse(id, null, null));
        String authorizeUrl = null;
        String problem = error;
        try {
            ConsentScope scope = ConsentScope.forCollection(id);
            authorizeUrl = logins.current(key(id), () -> mine.get().login().start(scope.scopes()),
                    login -> login.matches(services.settings().authRoot(), services.settings().clientId().orElse(null)))
                    .authorizeUrl().toString();
        } catch (GlobusNotConfiguredException e) {
            problem = e.getMessage();
        }
        String name = id;
        try {
            name = mine.get().quickTransfer().getEndpoint(id).name();
        } catch (GlobusApiException e) {
            LOG.debug("endpoint {} name: {}", id, e.getMessage());
        }
        ConsentModel model = new ConsentModel(pages.csrfField(), id, name, authorizeUrl, problem, back,
                mine.get().isService() ? services.cliCommand("consent " + id) : null); // the CLI consents for the registry only
        return Response.status(status).type(MediaType.TEXT_HTML)
                .entity(pages.render("Globus · Grant access", templates.render("consent.jte", model))).build();
    }

    private Response problem(String message) {
        return Response.status(400).type(MediaType.TEXT_HTML).entity(pages.render("Globus",
                templates.render("problem.jte", new ProblemModel("Cannot open that", message, null, "/globus"))))
                .build();
    }

    /** One consent login per browser session and collection. */
    private String key(String endpointId) {
        org.sregistry.globus.connection.Connection me = mine.get();
        return pages.csrfToken() + "|consent|" + endpointId + "|" + (me.isService() ? "" : me.user());
    }
}
