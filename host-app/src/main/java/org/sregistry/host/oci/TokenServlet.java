package org.sregistry.host.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sregistry.host.auth.LoginThrottle;
import org.sregistry.registry.oci.OciNames;

/**
 * The token endpoint of distribution's token spec at {@code /v2/token}: {@code GET
 * ?service=&scope=...} with HTTP Basic or a bearer API token, or the OAuth2 form {@code POST}
 * ({@code grant_type=password} or {@code refresh_token} with an API token). Answers
 * {@code {"token","access_token","expires_in","issued_at"}}. Requested actions are granted as far
 * as the caller may ({@link OciGrants}); an unknown scope, or one on a repository the caller may not
 * see, is left out, not an error. Without credentials an anonymous token is issued while anonymous
 * pull is on.
 */
public final class TokenServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("pull", "push", "delete", "*");

    private final transient OciCredentials credentials;
    private final transient OciTokens tokens;
    private final transient OciRealm realm;
    private final transient Clock clock;
    private final transient OciGrants allowed;

    public TokenServlet(OciCredentials credentials, OciTokens tokens, OciRealm realm, OciGrants allowed, Clock clock) {
        this.allowed = allowed;
        this.credentials = credentials;
        this.tokens = tokens;
        this.realm = realm;
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setAttribute(org.sregistry.host.observability.RouteTemplateRecorder.ATTRIBUTE, OciRealm.TOKEN_PATH);
        response.setHeader("Cache-Control", "no-store");
        OciCredentials.Outcome who;
        boolean oauthForm = request.getMethod().equals("POST");
        if (oauthForm) {
            String grant = request.getParameter("grant_type");
            if ("password".equals(grant)) {
                who = credentials.password(nonNull(request.getParameter("username")),
                        nonNull(request.getParameter("password")), request.getRemoteAddr());
            } else if ("refresh_token".equals(grant)) {
                who = credentials.apiToken(nonNull(request.getParameter("refresh_token")));
            } else {
                error(response, 400, "unsupported_grant_type", "grant_type must be password or refresh_token");
                return;
            }
        } else if (request.getMethod().equals("GET")) {
            String authorization = request.getHeader("Authorization");
            // no credentials: an anonymous token (public pulls only) when anonymous pull is on
            who = authorization == null || authorization.isBlank() ? credentials.anonymous()
                    : credentials.header(authorization, request.getRemoteAddr());
        } else {
            response.setHeader("Allow", "GET, POST");
            error(response, 405, "method_not_allowed", "use GET (Basic or bearer API token) or the OAuth2 form POST");
            return;
        }
        if (who.verdict() == LoginThrottle.Verdict.SLOWED) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, who.retryAfter().toSeconds())));
            error(response, 429, "too_many_attempts", "too many failed logins; try again later");
            return;
        }
        if (!who.accepted()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"registry\", charset=\"UTF-8\"");
            error(response, 401, "unauthorized", request.getHeader("Authorization") == null && !oauthForm
                    ? "send HTTP Basic credentials or a bearer API token" : "wrong credentials or API token");
            return;
        }
        // what was asked for, cut down to what this caller may do (a hidden repository is left out, as a missing one)
        List<OciTokens.Grant> grants = allowed.allowed(who.user(), grants(request.getParameterValues("scope")));
        // the token is for this registry, whatever the client called it: it is checked against that
        String token = tokens.issue(who.subject(), who.source(), realm.service(request), grants);
        ObjectNode body = JSON.createObjectNode();
        body.put("token", token);
        body.put("access_token", token);
        body.put("expires_in", OciTokens.LIFETIME.toSeconds());
        body.put("issued_at", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        if (oauthForm) {
            body.put("scope", String.join(" ", scopeTexts(grants)));
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** {@code repository:NAME:a,b} scopes (space-separated or repeated); malformed ones are left out. */
    static List<OciTokens.Grant> grants(String[] scopes) {
        List<OciTokens.Grant> grants = new ArrayList<>();
        if (scopes == null) {
            return grants;
        }
        for (String value : scopes) {
            for (String scope : value.trim().split("\\s+")) {
                int first = scope.indexOf(':');
                int last = scope.lastIndexOf(':');
                if (first <= 0 || last <= first) {
                    continue;
                }
                String type = scope.substring(0, first);
                String name = scope.substring(first + 1, last);
                Set<String> actions = new LinkedHashSet<>(Arrays.asList(scope.substring(last + 1).split(",")));
                actions.retainAll(ACTIONS);
                if (type.equals("repository") && !actions.isEmpty() && OciNames.isRepository(name)) {
                    grants.add(new OciTokens.Grant(type, name, List.copyOf(actions)));
                } else if (type.equals("registry") && name.equals("catalog")) {
                    grants.add(new OciTokens.Grant(type, name, List.of("*")));
                }
            }
        }
        return grants;
    }

    private static List<String> scopeTexts(List<OciTokens.Grant> grants) {
        return grants.stream().map(g -> g.type() + ":" + g.name() + ":" + String.join(",", g.actions())).toList();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        ObjectNode body = JSON.createObjectNode();
        body.put("error", code);
        body.put("message", message);
        body.putArray("errors").addObject().put("code", status == 401 ? "UNAUTHORIZED" : "DENIED").put("message", message);
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
