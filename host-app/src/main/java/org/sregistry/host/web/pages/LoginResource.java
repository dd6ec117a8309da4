package org.sregistry.host.web.pages;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.sregistry.host.auth.AdminAccount;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.auth.LoginThrottle;
import org.sregistry.host.auth.PasswordLogins;
import org.sregistry.host.auth.Session;
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
    private final AdminAccount admin;
    private final PasswordLogins logins;

    public LoginResource(Layout layout, Sessions sessions, AdminAccount admin, PasswordLogins logins) {
        this.layout = layout;
        this.sessions = sessions;
        this.admin = admin;
        this.logins = logins;
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
                          @FormParam("next") String next, @Context UriInfo uri,
                          @Context jakarta.servlet.http.HttpServletRequest request) {
        String address = request.getRemoteAddr();
        LoginThrottle.Outcome outcome = logins.check(username, password, address);
        if (!outcome.accepted()) {
            LOG.warn("Failed login for user '{}' from {}", username == null ? "" : username.replaceAll("[^A-Za-z0-9._@-]", "?"),
                    address);
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
        Session session = sessions.create(username);
        boolean secure = "https".equals(uri.getBaseUri().getScheme());
        NewCookie cookie = new NewCookie.Builder(Sessions.COOKIE)
                .value(session.id()).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) sessions.maxAge().toSeconds())
                .build();
        LOG.info("User {} logged in", username);
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookie).build();
    }

    @POST
    @Path("logout")
    public Response logout() {
        CurrentRequest.get().map(CurrentRequest::session).ifPresent(s -> sessions.end(s.id()));
        NewCookie expired = new NewCookie.Builder(Sessions.COOKIE).value("").path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
        return Response.seeOther(URI.create("/login")).cookie(expired).build();
    }

    /** The hint to the initial password file, while the generated password is still the one. */
    private boolean hint() {
        return java.nio.file.Files.exists(admin.initialPasswordFile());
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
