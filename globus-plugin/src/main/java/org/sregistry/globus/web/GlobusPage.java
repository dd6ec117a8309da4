package org.sregistry.globus.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.PageRenderer;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.connection.ConnectionStatus;
import org.sregistry.globus.connection.GlobusNotConfiguredException;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.connection.InvalidCodeException;
import org.sregistry.globus.connection.LoginResult;
import org.sregistry.globus.connection.LogoutResult;
import org.sregistry.globus.connection.PendingLogin;

/**
 * {@code /globus}: the connection to Globus (connect from the page or with the CLI, disconnect) and the
 * registry's own endpoint. Admin only (the host requires login); every POST carries the host's CSRF token.
 * Actions answer with a redirect to the page (so a reload does not repeat them) or, on a mistake, with the page
 * and the error.
 */
@Path("globus")
@Produces(MediaType.TEXT_HTML)
public class GlobusPage {
    private static final Logger LOG = LoggerFactory.getLogger(GlobusPage.class);
    /** Notices shown after a redirect, by key: nothing from the request is echoed. */
    private static final Map<String, String> NOTICES = Map.of(
            "connected", "Connected to Globus.",
            "disconnected", "Disconnected from Globus: the tokens were revoked and deleted.",
            "disconnected-locally", "Tokens deleted here; Globus could not revoke all of them (see the log).");

    private final GlobusServices services;
    private final Templates templates;
    private final WebLogins logins;

    /** The page over the plugin's services. */
    public GlobusPage(GlobusServices services, Templates templates, WebLogins logins) {
        this.services = services;
        this.templates = templates;
        this.logins = logins;
    }

    /** The page. */
    @GET
    public String page(@QueryParam("m") String notice) {
        return render(notice == null ? null : NOTICES.get(notice), null);
    }

    /** Finishes a login started from this page with the code Globus showed. */
    @POST
    @Path("code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response code(@FormParam("code") String code) {
        String csrf = pages().csrfToken();
        Optional<PendingLogin> pending = logins.find(csrf);
        if (pending.isEmpty()) {
            return page(400, "No login is in progress for this page (it may have expired): use \"Connect Globus\" "
                    + "again, then paste the new code.");
        }
        try {
            LoginResult result = services.login().complete(pending.get(), code);
            logins.forget(csrf);
            LOG.info("Globus connected from the web page as {}", result.identityName());
            return seeOther("connected");
        } catch (InvalidCodeException | GlobusNotConfiguredException e) {
            return page(400, e.getMessage());
        } catch (GlobusApiException e) {
            if (e.networkError()) {
                return page(502, "Globus did not answer (" + e.globusMessage() + "). Try again.");
            }
            return page(400, "Globus did not accept the code (" + e.code() + "). Nothing was changed. "
                    + "Codes work once: use \"Connect Globus\" again and paste the new code.");
        }
    }

    /** Revokes the tokens at Globus and deletes them. */
    @POST
    @Path("disconnect")
    public Response disconnect() {
        LogoutResult result = services.logout();
        result.failures().forEach(f -> LOG.warn("Globus disconnect: {}", f));
        return seeOther(result.failures().isEmpty() ? "disconnected" : "disconnected-locally");
    }

    private Response page(int status, String error) {
        return Response.status(status).type(MediaType.TEXT_HTML).entity(render(null, error)).build();
    }

    private static Response seeOther(String notice) {
        return Response.seeOther(URI.create("/globus?m=" + notice)).build();
    }

    private String render(String message, String error) {
        ConnectionStatus status = services.status();
        String authorizeUrl = null;
        String connectProblem = null;
        if (status.loginNeeded()) {
            try {
                authorizeUrl = webLogin().authorizeUrl().toString();
            } catch (GlobusNotConfiguredException e) {
                connectProblem = e.getMessage();
            }
        }
        GlobusSettings settings = services.settings();
        GlobusPageModel.RegistryEndpointModel endpoint = new GlobusPageModel.RegistryEndpointModel(
                settings.endpointId().orElse(null), services.cliCommand("create-endpoint"),
                settings.robotName().orElse("(not generated yet)"), settings.stagingDir().toString(),
                settings.stagingPath());
        GlobusPageModel model = new GlobusPageModel(pages().csrfField(), status, authorizeUrl, connectProblem,
                services.cliCommand("update-tokens"), endpoint, message, error);
        return pages().render("Globus", templates.render("globus.jte", model));
    }

    /** This session's login in progress (kept while it matches the settings), started on first need. */
    private PendingLogin webLogin() {
        GlobusSettings settings = services.settings();
        URI authRoot = settings.authRoot();
        String clientId = settings.clientId().orElse(null);
        return logins.current(pages().csrfToken(), () -> services.login().start(),
                login -> login.matches(authRoot, clientId));
    }

    private PageRenderer pages() {
        return services.context().pages();
    }
}
