package org.sregistry.host.web.pages;

import org.sregistry.host.auth.ApiTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sregistry.host.audit.Audit;
import org.sregistry.host.auth.PasswordHasher;
import org.sregistry.host.auth.Session;
import org.sregistry.host.auth.SessionCookies;
import org.sregistry.host.auth.Sessions;
import org.sregistry.host.auth.oidc.OidcAdmission;
import org.sregistry.host.auth.oidc.OidcException;
import org.sregistry.host.auth.oidc.OidcFlow;
import org.sregistry.host.auth.oidc.OidcIdentity;
import org.sregistry.host.auth.oidc.OidcLogin;
import org.sregistry.host.auth.oidc.OidcPendingStore;
import org.sregistry.host.observability.LogEscapes;
import org.sregistry.host.users.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /login/oidc} starts an OpenID Connect sign-in (a pending row keyed by the SHA-256 of {@code state},
 * bound to this browser by the {@value #COOKIE} cookie) and sends the browser to the provider;
 * {@code GET /login/oidc/callback} finishes it, keeps the tokens it received for other services
 * ({@link org.sregistry.host.auth.oidc.OidcSignInGrants#keep}) and starts a session. Every failure is the login page
 * with the reason.
 */
@Path("/login/oidc")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class OidcLoginResource {
    /** The cookie that binds a started sign-in to the browser that started it. */
    public static final String COOKIE = "registry_oidc";
    /** Where the provider sends the browser back (under {@code <public-url>}). */
    public static final String CALLBACK_PATH = "/login/oidc/callback";
    /** Shown for a callback without a matching started sign-in (unknown, used, expired, other browser). */
    public static final String NOT_STARTED_HERE = "This sign-in expired or was not started here; start again.";
    private static final Logger LOG = LoggerFactory.getLogger(OidcLoginResource.class);

    private final OidcLogin oidc;
    private final LoginResource loginPage;
    private final Sessions sessions;
    private final SessionCookies cookies;
    private final boolean publicUrlIsHttps;
    private final Audit audit;

    public OidcLoginResource(OidcLogin oidc, LoginResource loginPage, Sessions sessions, SessionCookies cookies,
                             boolean publicUrlIsHttps, Audit audit) {
        this.oidc = oidc;
        this.loginPage = loginPage;
        this.sessions = sessions;
        this.cookies = cookies;
        this.publicUrlIsHttps = publicUrlIsHttps;
        this.audit = audit;
    }

    /** The button on {@code /login} for a {@code next} path: hidden, with the reason, while the provider is unavailable. */
    public static LoginModel.Oidc button(OidcLogin oidc, String next) {
        String href = "/login/oidc?next=" + URLEncoder.encode(LoginResource.safeNext(next), StandardCharsets.UTF_8);
        return new LoginModel.Oidc(oidc.settings().label(), href, oidc.provider().problem().orElse(null));
    }

    @GET
    public Response start(@QueryParam("next") String next, @Context HttpServletRequest request) {
        OidcFlow.Start start;
        try {
            start = oidc.flow().start();
        } catch (OidcException e) {
            return failure(503, next, e, request);
        }
        String browser = PasswordHasher.randomSecret(32);
        oidc.pending().put(ApiTokens.sha256(start.state()), ApiTokens.sha256(browser), start.nonce(),
                start.codeVerifier(), LoginResource.safeNext(next));
        return Response.seeOther(start.authorizationUri())
                .cookie(cookie(request, browser, (int) OidcPendingStore.MAX_AGE.toSeconds()))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("callback")
    public Response callback(@QueryParam("state") String state, @CookieParam(COOKIE) String browser,
                             @Context HttpServletRequest request) {
        String address = request.getRemoteAddr();
        Optional<OidcPendingStore.Row> row = state == null || state.isEmpty() || state.length() > 500
                ? Optional.empty() : oidc.pending().take(ApiTokens.sha256(state));
        // the row is gone either way: a callback seen once never counts again
        if (row.isEmpty() || browser == null || browser.length() > 200
                || !ApiTokens.sha256(browser).equals(row.get().browserHash())) {
            String why = row.isEmpty() ? "no started sign-in for this state (unknown, used or expired)"
                    : browser == null ? "no " + COOKIE + " cookie" : "the " + COOKIE + " cookie does not match";
            LOG.warn("OIDC sign-in refused from {}: {}", address, why);
            audit.record(null, null, address, "auth.sign_in", null, Audit.Outcome.FAILED,
                    Map.of("method", "oidc", "reason", "not_started_here"));
            return page(400, row.map(OidcPendingStore.Row::nextPath).orElse(null), NOT_STARTED_HERE, request);
        }
        OidcPendingStore.Row pending = row.get();
        String next = pending.nextPath();
        String query = request.getQueryString();
        URI callback = URI.create(oidc.settings().redirectUri().toString().replaceFirst("[?#].*$", "")
                + (query == null ? "" : "?" + query));
        OidcFlow.Finished finished;
        try {
            finished = oidc.flow().finishWithTokens(callback, new OidcFlow.Pending(state, pending.nonce(),
                    pending.codeVerifier()));
        } catch (OidcException e) {
            return failure(400, next, e, request);
        }
        OidcIdentity who = finished.identity();
        Optional<String> refusal = OidcAdmission.refusal(who, oidc.settings());
        if (refusal.isPresent()) {
            return failure(403, next, new OidcException(refusal.get(), "not admitted: sub " + who.subject()), request);
        }
        User user;
        try {
            user = oidc.accounts().signIn(who);
        } catch (OidcException e) {
            return failure(403, next, e, request);
        }
        List<String> kept = keepGrants(user, finished);
        Session session = sessions.create(user, "oidc", address);
        Map<String, String> details = new LinkedHashMap<>(Map.of("method", "oidc", "issuer", who.issuer()));
        if (!kept.isEmpty()) {
            details.put("grants", String.join(" ", kept));
        }
        audit.record(user, null, address, "auth.sign_in", user.username(), Audit.Outcome.OK, details);
        LOG.info("User {} signed in with OIDC ({} at {}) from {}{}", user.username(), who.subject(), who.issuer(),
                address, kept.isEmpty() ? "" : "; kept tokens for " + kept);
        return Response.seeOther(URI.create(LoginResource.safeNext(next)))
                .cookie(cookies.of(session, request), cookie(request, "", 0))
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * Keeps the tokens the sign-in received for other services, for plugins to take. A failure here does not fail the
     * sign-in: the user is signed in, only without a grant to hand over (a plugin can still connect another way).
     */
    private List<String> keepGrants(User user, OidcFlow.Finished finished) {
        try {
            return oidc.grants().keep(user, finished);
        } catch (RuntimeException e) {
            LOG.warn("Signed in {} without keeping the tokens for other services: {}", user.username(), e.toString());
            return List.of();
        }
    }

    private Response failure(int status, String next, OidcException e, HttpServletRequest request) {
        LOG.warn("OIDC sign-in failed from {}: {} ({})", request.getRemoteAddr(), LogEscapes.escape(e.getMessage()),
                LogEscapes.escape(e.logDetail()));
        String reason = e.getMessage() == null ? "" : e.getMessage();
        audit.record(null, null, request.getRemoteAddr(), "auth.sign_in", null, Audit.Outcome.FAILED,
                Map.of("method", "oidc", "reason", reason.length() > 200 ? reason.substring(0, 200) : reason));
        return page(status, next, "Sign-in failed: " + e.getMessage() + ".", request);
    }

    private Response page(int status, String next, String message, HttpServletRequest request) {
        return Response.status(status).entity(loginPage.page(next, message)).cookie(cookie(request, "", 0))
                .header("Cache-Control", "no-store").build();
    }

    /** HttpOnly, SameSite=Lax (the provider's redirect back is a top-level GET), Secure over https. */
    private NewCookie cookie(HttpServletRequest request, String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path("/login/oidc").maxAge(maxAge).httpOnly(true)
                .secure(publicUrlIsHttps || request.isSecure()).sameSite(NewCookie.SameSite.LAX).build();
    }
}
