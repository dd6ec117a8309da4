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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.PageRenderer;
import org.sregistry.globus.browse.InvalidInputException;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.connection.ConnectionStatus;
import org.sregistry.globus.connection.GlobusNotConfiguredException;
import org.sregistry.globus.connection.Connection;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.tokens.IdentityInUseException;
import org.sregistry.globus.connection.InvalidCodeException;
import org.sregistry.globus.connection.LoginResult;
import org.sregistry.globus.connection.LogoutResult;
import org.sregistry.globus.connection.PendingLogin;
import org.sregistry.globus.connection.SignInHandover;
import org.sregistry.globus.tokens.UserConnection;
import org.sregistry.globus.endpoints.EndpointDirectory;
import org.sregistry.globus.endpoints.EndpointListing;
import org.sregistry.globus.endpoints.FetchPool;

/**
 * {@code /globus}: the connection to Globus (connect from the page or with the CLI, disconnect), the endpoints
 * (own and shared, or a full-text search; cached briefly with a refresh button), the registry's own endpoint, and
 * {@code /globus/{endpoint_id}}, the two-pane browser. Admin only (the host requires login); every POST carries the host's CSRF token.
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
            "disconnected-locally", "Tokens deleted here; Globus could not revoke all of them (see the log).",
            "consent", "Access granted: the registry may now use this collection.",
            "notifications", "Notification settings saved.",
            "sync-created", "Sync rule created: it runs at its next time (or use Run now).",
            "sync-updated", "Sync rule saved.",
            "sync-run", "The sync rule runs now, in the import task: reload the page to see its result.",
            "sync-deleted", "Sync rule deleted; what it sent stays on the destination.");
    /** Shown on the visit that connected the user from their sign-in. */
    static final String CONNECTED_FROM_SIGN_IN = "Connected automatically from your Globus sign-in.";
    /** What {@code ?send=} says: fixed words, and the registry's own names of the images it found. */
    private static final Map<String, String> SEND_NOTICES = Map.of(
            "send", "Choose the endpoint to send the ticked image to, then the folder:",
            "send-several", "Choose the endpoint to send the ticked images to, then the folder:",
            "send-unknown", "The image to send is not in the registry (it may have been deleted): open an endpoint"
                    + " and tick the images to send there.");

    private final GlobusServices services;
    private final CallerConnection mine;
    private final Templates templates;
    private final WebLogins logins;
    private final ConnectionCache connection;
    private final EndpointDirectory directory;
    private final BrowserView browser;
    private final FetchPool pool;
    private final java.util.function.Supplier<String> notificationsCard;
    private final SignInHandover handover;

    /**
     * The page over the plugin's services; {@code notificationsCard} renders the caller's Notifications card;
     * {@code handover} connects a user from their sign-in when they come by.
     */
    public GlobusPage(GlobusServices services, CallerConnection mine, Templates templates, WebLogins logins, ConnectionCache connection,
                      EndpointDirectory directory, BrowserView browser, FetchPool pool,
                      java.util.function.Supplier<String> notificationsCard, SignInHandover handover) {
        this.notificationsCard = notificationsCard;
        this.handover = handover;
        this.services = services;
        this.mine = mine;
        this.templates = templates;
        this.logins = logins;
        this.connection = connection;
        this.directory = directory;
        this.browser = browser;
        this.pool = pool;
    }

    /**
     * The page: connection, endpoints (own and shared, or a search of all), registry endpoint. A user without a
     * connection whose sign-in brought a Globus Transfer token is connected with it first; when its identity is
     * another account's, the page says so (409), as Connect does.
     *
     * @param notice  a notice key after a redirect
     * @param query   full-text search
     * @param refresh "1" to bypass the short-lived cache
     * @param send    an image to preselect in the browser
     */
    @GET
    public Response page(@QueryParam("m") String notice, @QueryParam("q") String query,
                         @QueryParam("refresh") String refresh, @QueryParam("send") String send) {
        SignInHandover.Result handed = handover.offer(services.context().access().caller().orElse(null));
        String message = notice == null ? null : NOTICES.get(notice);
        if (handed.connected() && message == null) {
            message = CONNECTED_FROM_SIGN_IN;
        }
        boolean inUse = handed.outcome() == SignInHandover.Outcome.IDENTITY_IN_USE;
        return Response.status(inUse ? 409 : 200).type(MediaType.TEXT_HTML)
                .entity(render(message, inUse ? handed.message() : null, query, "1".equals(refresh), send)).build();
    }

    /**
     * The two-pane browser at its first address, {@code /globus/{id}} (kept for bookmarks and scripts; pages link to
     * {@link #browse}).
     */
    @GET
    @Path("{endpointId}")
    public Response browseAtFirstAddress(@PathParam("endpointId") String endpointId, @QueryParam("path") String path,
                                         @QueryParam("send") String send, @QueryParam("m") String notice) {
        return browse(endpointId, path, send, notice);
    }

    /**
     * The two-pane browser of an endpoint's folder ({@code path}; default: its default directory), under {@code e/}
     * so that users can be let in without opening every path below {@code /globus}.
     */
    @GET
    @Path("e/{endpointId}")
    public Response browse(@PathParam("endpointId") String endpointId, @QueryParam("path") String path,
                           @QueryParam("send") String send, @QueryParam("m") String notice) {
        try {
            BrowseModel model = browser.model(pages().csrfField(), endpointId, path,
                    SendSelection.of(services.context().registry(), services.context().access(), send));
            String body = (notice != null && NOTICES.containsKey(notice)
                    ? "<p class=\"notice-box\" role=\"status\" id=\"globus-message\">"
                    + org.sregistry.api.Html.escape(NOTICES.get(notice)) + "</p>" : "")
                    + templates.render("browse.jte", model);
            return Response.ok(pages().render("Globus · " + model.endpointName(), body), MediaType.TEXT_HTML)
                    .build();
        } catch (InvalidInputException e) {
            return Response.status(400).type(MediaType.TEXT_HTML)
                    .entity(pages().render("Globus", templates.render("problem.jte",
                            new ProblemModel("Cannot open that", e.getMessage(), null, "/globus"))))
                    .build();
        }
    }

    /** Finishes a login started from this page with the code Globus showed. */
    @POST
    @Path("code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response code(@FormParam("code") String code) {
        Connection me = mine.get();
        String csrf = loginKey(me);
        Optional<PendingLogin> pending = logins.find(csrf);
        if (pending.isEmpty()) {
            return page(400, "No login is in progress for this page (it may have expired): use \"Connect Globus\" "
                    + "again, then paste the new code.");
        }
        try {
            LoginResult result = me.login().complete(pending.get(), code);
            logins.forget(csrf);
            LOG.info("Globus connected from the web page as {}", result.identityName());
            return seeOther("connected");
        } catch (InvalidCodeException | GlobusNotConfiguredException e) {
            return page(400, e.getMessage());
        } catch (IdentityInUseException e) {
            logins.forget(csrf);
            return page(409, e.getMessage());
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
        Connection connection = mine.get();
        LogoutResult result = connection.isService() ? services.logout() : connection.logout();
        result.failures().forEach(f -> LOG.warn("Globus disconnect: {}", f));
        return seeOther(result.failures().isEmpty() ? "disconnected" : "disconnected-locally");
    }

    private Response page(int status, String error) {
        return Response.status(status).type(MediaType.TEXT_HTML).entity(render(null, error, null, false, null))
                .build();
    }

    private static Response seeOther(String notice) {
        return Response.seeOther(URI.create("/globus?m=" + notice)).build();
    }

    private String render(String message, String error, String query, boolean refresh, String rawSend) {
        // only images the registry has are preselected and named; nothing else of the link reaches the page
        String send = SendSelection.of(services.context().registry(), services.context().access(), rawSend);
        // The connection check and both endpoint scopes go to Globus at the same time: one round trip.
        Connection me = mine.get();
        CompletableFuture<ConnectionStatus> checked = pool.submit(() -> connection.get(me, refresh));
        Connection serviceConnection = services.connections().service();
        CompletableFuture<ConnectionStatus> serviceChecked = me.isService() || !isAdmin() ? null
                : pool.submit(() -> connection.get(serviceConnection, refresh));
        CompletableFuture<EndpointsModel> endpoints = me.hasTransferToken()
                ? pool.submit(() -> endpoints(me, query, refresh, send)) : null;
        ConnectionStatus status = FetchPool.join(checked);
        String authorizeUrl = null;
        String connectProblem = null;
        if (status.loginNeeded()) {
            try {
                authorizeUrl = webLogin(me).authorizeUrl().toString();
            } catch (GlobusNotConfiguredException e) {
                connectProblem = e.getMessage();
            }
        }
        GlobusSettings settings = services.settings();
        GlobusPageModel.RegistryEndpointModel endpoint = new GlobusPageModel.RegistryEndpointModel(
                settings.endpointId().orElse(null), services.cliCommand("create-endpoint"),
                settings.robotName().orElse("(not generated yet)"), settings.stagingDir().toString(),
                settings.stagingPath());
        EndpointsModel list = endpoints == null ? EndpointsModel.none() : FetchPool.join(endpoints);
        if (status.loginNeeded()) {
            list = EndpointsModel.none();
        }
        if (message == null && send != null) {
            message = SEND_NOTICES.get(SendSelection.count(send) == 1 ? "send" : "send-several") + " "
                    + send.replace(",", ", ") + ".";
        } else if (message == null && blankToNull(rawSend) != null) {
            message = SEND_NOTICES.get("send-unknown");
        }
        GlobusPageModel.ServiceModel service = serviceChecked == null ? null
                : new GlobusPageModel.ServiceModel(FetchPool.join(serviceChecked));
        GlobusPageModel model = new GlobusPageModel(pages().csrfField(), status, authorizeUrl, connectProblem,
                services.cliCommand("update-tokens"), endpoint, message, error, list, !me.isService(), service,
                !me.isService() && UserConnection.ORIGIN_SIGN_IN.equals(me.tokens().origin()));
        return pages().render("Globus", templates.render("globus.jte", model) + notificationsCard.get());
    }

    private EndpointsModel endpoints(Connection me, String query, boolean refresh, String send) {
        try {
            EndpointListing listing = directory.find(me, null, query, refresh);
            long age = Math.max(0, Duration.between(listing.fetchedAt(), services.context().clock().instant())
                    .getSeconds());
            return EndpointsModel.of(listing, age, send);
        } catch (InvalidInputException e) {
            return EndpointsModel.failed(query, e.getMessage(), send);
        } catch (GlobusApiException e) {
            LOG.info("Listing Globus endpoints failed: {}", e.getMessage());
            return EndpointsModel.failed(query, GlobusProblem.of(e, "listing endpoints").message(), send);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** This session's login in progress (kept while it matches the settings), started on first need. */
    private PendingLogin webLogin(Connection me) {
        GlobusSettings settings = services.settings();
        URI authRoot = settings.authRoot();
        String clientId = settings.clientId().orElse(null);
        return logins.current(loginKey(me), () -> me.login().start(),
                login -> login.matches(authRoot, clientId));
    }

    /** A login belongs to the session and the connection it was started for (the mode may change meanwhile). */
    private String loginKey(Connection me) {
        return pages().csrfToken() + "|" + (me.isService() ? "" : me.user());
    }

    private boolean isAdmin() {
        return services.context().access().caller().map(org.sregistry.api.Access.Caller::admin).orElse(false);
    }

    private PageRenderer pages() {
        return services.context().pages();
    }
}
