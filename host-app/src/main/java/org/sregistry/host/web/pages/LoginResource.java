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

    public LoginResource(Layout layout, Sessions sessions, PasswordAccounts accounts, PasswordLogins logins,
                         SessionCookies cookies) {
        this.layout = layout;
        this.sessions = sessions;
        this.accounts = accounts;
        this.logins = logins;
        this.cookies = cookies;
    }

    @GET
    @Path("login")
    public String form(@QueryParam("next") String next) {
        return layout.page("Log in", "login.jte", new LoginModel(safeNext(next), null,
                hint()));
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
            String page = layout.page("Log in", "login.jte", new LoginModel(safeNext(next),
                    "The directory is unreachable; try again later.", hint()));
            return Response.status(503).header("Retry-After", 30).entity(page).build();
        }
        if (outcome.verdict() == LoginThrottle.Verdict.SLOWED) {
            long wait = Math.max(1, outcome.retryAfter().toSeconds());
            String page = layout.page("Log in", "login.jte", new LoginModel(safeNext(next),
                    "Too many failed logins: wait " + wait + " s and try again.", hint()));
            return Response.status(429).header("Retry-After", wait).entity(page).build();
        }
        if (!outcome.accepted()) {
            String page = layout.page("Log in", "login.jte", new LoginModel(safeNext(next),
                    "Wrong user name or password.", hint()));
            return Response.status(401).entity(page).build();
        }
        Session session = sessions.create(outcome.user(), outcome.method(), address);
        LOG.info("User {} logged in from {}", outcome.user().username(), address);
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookies.of(session, request)).build();
    }

    @POST
    @Path("logout")
    public Response logout(@Context jakarta.servlet.http.HttpServletRequest request) {
        CurrentRequest.get().map(CurrentRequest::session).ifPresent(s -> sessions.end(s.id()));
        return Response.seeOther(URI.create("/login")).cookie(cookies.expired(request)).build();
    }

    /** The hint to the initial password file, while the generated password is still the one. */
    private boolean hint() {
        return java.nio.file.Files.exists(accounts.initialPasswordFile());
    }

    /** Only local paths: never redirect to another site after login. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }
}
