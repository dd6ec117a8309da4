package org.sregistry.host.web.pages;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import org.sregistry.host.audit.Audit;
import org.sregistry.host.auth.PasswordAccounts;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.auth.LoginThrottle;
import org.sregistry.host.auth.PasswordLogins;
import org.sregistry.host.auth.Session;
import org.sregistry.host.auth.SessionCookies;
import org.sregistry.host.auth.Sessions;
import org.sregistry.host.web.Layout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /login} and {@code /logout}. */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class LoginResource {
    private static final Logger LOG = LoggerFactory.getLogger(LoginResource.class);
    private final Layout layout;
    private final Sessions sessions;
    private final PasswordAccounts accounts;
    private final PasswordLogins logins;
    private final SessionCookies cookies;
    private final Audit audit;
    private final java.util.function.Function<String, LoginModel.Oidc> oidcButton;

    /**
     * @param audit      records every sign-in and its failures
     * @param oidcButton the OpenID Connect button for a {@code next} path, or null when that sign-in is off
     */
    public LoginResource(Layout layout, Sessions sessions, PasswordAccounts accounts, PasswordLogins logins,
                         SessionCookies cookies, Audit audit,
                         java.util.function.Function<String, LoginModel.Oidc> oidcButton) {
        this.audit = audit;
        this.layout = layout;
        this.sessions = sessions;
        this.accounts = accounts;
        this.logins = logins;
        this.cookies = cookies;
        this.oidcButton = oidcButton;
    }

    @GET
    @Path("login")
    public String form(@QueryParam("next") String next) {
        return page(next, null);
    }

    /** The login page with an error (or none), going to {@code next} afterwards. */
    public String page(String next, String error) {
        String safe = safeNext(next);
        return layout.page("Log in", "login.jte", new LoginModel(safe, error, hint(),
                oidcButton == null ? null : oidcButton.apply(safe)));
    }

    @POST
    @Path("login")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("username") String username, @FormParam("password") String password,
                          @FormParam("next") String next,
                          @Context jakarta.servlet.http.HttpServletRequest request) {
        String address = request.getRemoteAddr();
        PasswordLogins.Result outcome = logins.check(username, password, address);
        if (!outcome.accepted()) {
            LOG.warn("Failed login for user '{}' from {}", username == null ? "" : username.replaceAll("[^A-Za-z0-9._@-]", "?"),
                    address);
        }
        if (outcome.directoryUnavailable()) {
            audit.record(null, null, address, "auth.sign_in", username, Audit.Outcome.FAILED, Map.of("method", "ldap",
                    "reason", "directory_unreachable"));
            return Response.status(503).header("Retry-After", 30)
                    .entity(page(next, "The directory is unreachable; try again later.")).build();
        }
        if (!outcome.accepted()) {
            audit.record(null, null, address, "auth.sign_in", username, Audit.Outcome.FAILED, Map.of("method", "password",
                    "reason", outcome.verdict() == LoginThrottle.Verdict.SLOWED ? "throttled" : "wrong_credentials"));
        }
        if (outcome.verdict() == LoginThrottle.Verdict.SLOWED) {
            long wait = Math.max(1, outcome.retryAfter().toSeconds());
            String page = page(next, "Too many failed logins: wait " + wait + " s and try again.");
            return Response.status(429).header("Retry-After", wait).entity(page).build();
        }
        if (!outcome.accepted()) {
            String page = page(next, "Wrong user name or password.");
            return Response.status(401).entity(page).build();
        }
        Session session = sessions.create(outcome.user(), outcome.method(), address);
        audit.record(outcome.user(), null, address, "auth.sign_in", outcome.user().username(), Audit.Outcome.OK,
                Map.of("method", outcome.method()));
        LOG.info("User {} logged in from {}", outcome.user().username(), address);
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookies.of(session, request)).build();
    }

    @POST
    @Path("logout")
    public Response logout(@Context jakarta.servlet.http.HttpServletRequest request) {
        CurrentRequest.get().map(CurrentRequest::session).ifPresent(s -> {
            audit.record("auth.sign_out", s.user().username(), Audit.Outcome.OK, Map.of());
            sessions.end(s.id());
        });
        return Response.seeOther(URI.create("/login")).cookie(cookies.expired(request)).build();
    }

    /** The hint to the initial password file, while the generated password is still the one. */
    private boolean hint() {
        return java.nio.file.Files.exists(accounts.initialPasswordFile());
    }

    /** Only local paths: never redirect to another site after login. */
    public static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }
}
