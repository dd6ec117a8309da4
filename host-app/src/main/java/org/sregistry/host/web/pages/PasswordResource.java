package org.sregistry.host.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.sregistry.host.audit.Audit;
import org.sregistry.host.auth.PasswordAccounts;
import org.sregistry.host.users.User;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.auth.LoginThrottle;
import org.sregistry.host.auth.PasswordLogins;
import org.sregistry.host.auth.Session;
import org.sregistry.host.auth.SessionCookies;
import org.sregistry.host.auth.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /profile/password} (and {@code /settings/password}, the administrator's settings page):
 * the signed-in user changes their password (current one, new one
 * twice; the CSRF token like every form). The current password is checked like a login
 * (throttled), so a stolen session alone cannot take the account over. On success every session of
 * the old password ends and this browser gets a new one; for the first administrator the initial
 * password file is removed.
 */
@Path("/{page: settings|profile}/password")
public final class PasswordResource {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordResource.class);
    private final PasswordAccounts accounts;
    private final PasswordLogins logins;
    private final Sessions sessions;
    private final SessionCookies cookies;
    private final Audit audit;

    public PasswordResource(PasswordAccounts accounts, PasswordLogins logins, Sessions sessions, SessionCookies cookies,
                            Audit audit) {
        this.audit = audit;
        this.accounts = accounts;
        this.logins = logins;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@jakarta.ws.rs.PathParam("page") String page, @FormParam("current") String current,
                         @FormParam("password") String password, @FormParam("confirm") String confirm,
                         @Context HttpServletRequest request) throws IOException {
        return change("/" + page, current, password, confirm, request);
    }

    private Response change(String page, String current, String password, String confirm, HttpServletRequest request)
            throws IOException {
        if (password == null || !password.equals(confirm)) {
            return back(page, PasswordNotice.MISMATCH);
        }
        if (PasswordAccounts.problem(password).isPresent()) {
            return back(page, password.length() < PasswordAccounts.MIN_PASSWORD_LENGTH ? PasswordNotice.TOO_SHORT
                    : PasswordNotice.INVALID);
        }
        User me = CurrentRequest.signedIn().orElseThrow(() -> new jakarta.ws.rs.NotAuthorizedException("sign in"));
        PasswordLogins.Result outcome = logins.check(me.username(), current, request.getRemoteAddr());
        if (!outcome.accepted()) {
            LOG.warn("Password change refused: wrong current password from {}", request.getRemoteAddr());
            audit.record("auth.password.change", me.username(), Audit.Outcome.FAILED, Map.of("reason",
                    outcome.verdict() == LoginThrottle.Verdict.SLOWED ? "throttled" : "wrong_current_password"));
            return back(page, outcome.verdict() == LoginThrottle.Verdict.SLOWED ? PasswordNotice.SLOWED : PasswordNotice.WRONG);
        }
        accounts.changePassword(me, password);
        User changed = accounts.users().byId(me.id()).orElseThrow();
        // made after the change, with the new credential generation: the only valid session now
        Session fresh = sessions.create(changed, "password", request.getRemoteAddr());
        LOG.info("User {} changed their password from {}", me.username(), request.getRemoteAddr());
        audit.record("auth.password.change", me.username(), Audit.Outcome.OK, Map.of());
        return Response.seeOther(URI.create(page + "?password=" + PasswordNotice.CHANGED.key() + "#password"))
                .cookie(cookies.of(fresh, request)).build();
    }

    private static Response back(String page, PasswordNotice notice) {
        return Response.seeOther(URI.create(page + "?password=" + notice.key() + "#password")).build();
    }
}
