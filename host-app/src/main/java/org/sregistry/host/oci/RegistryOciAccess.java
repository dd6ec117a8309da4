package org.sregistry.host.oci;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sregistry.host.auth.LoginThrottle;
import org.sregistry.registry.oci.OciAccess;

/**
 * The host's answer to "may this {@code /v2/} request do that": a token from our token endpoint
 * whose grants cover the repository and actions, HTTP Basic, or an API token. Anonymous requests
 * get a Bearer challenge naming the scope they need (anonymous pull is off). With today's single
 * account, whoever authenticates may do everything; the users issue adds roles here.
 */
public final class RegistryOciAccess implements OciAccess {
    private final OciCredentials credentials;
    private final OciTokens tokens;
    private final OciRealm realm;

    public RegistryOciAccess(OciCredentials credentials, OciTokens tokens, OciRealm realm) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.realm = realm;
    }

    @Override
    public Optional<Refusal> check(HttpServletRequest request, String repository, Set<Action> actions) {
        String scope = scope(repository, actions);
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(new Refusal(401, realm.challenge(request, scope, null),
                    "authentication required: log in (apptainer registry login, docker login) or send a token"));
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            OciCredentials.Outcome outcome = credentials.basic(authorization.substring(6), request.getRemoteAddr());
            if (outcome.accepted()) {
                return accepted(request, outcome.subject());
            }
            if (outcome.verdict() == LoginThrottle.Verdict.SLOWED) {
                return Optional.of(new Refusal(429, null, "too many failed logins; try again in "
                        + Math.max(1, outcome.retryAfter().toSeconds()) + " s"));
            }
            return Optional.of(new Refusal(401, realm.challenge(request, scope, null), "wrong username or password"));
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            Optional<OciTokens.Verified> verified = tokens.verify(token)
                    .filter(v -> credentials.isCurrent(v.source()))
                    .filter(v -> realm.service(request).equals(v.audience()));
            if (verified.isPresent()) {
                if (actions.contains(Action.CATALOG)) {
                    if (verified.get().grants().stream().anyMatch(g -> g.type().equals("registry") && g.name().equals("catalog"))) {
                        return accepted(request, verified.get().subject());
                    }
                    return Optional.of(new Refusal(401, realm.challenge(request, scope, "insufficient_scope"),
                            "the token does not grant registry:catalog:*"));
                }
                if (repository == null || verified.get().allows(repository,
                        actions.stream().map(Action::scopeName).collect(Collectors.toList()))) {
                    return accepted(request, verified.get().subject());
                }
                return Optional.of(new Refusal(401, realm.challenge(request, scope, "insufficient_scope"),
                        "the token does not grant " + scope));
            }
            OciCredentials.Outcome apiToken = credentials.apiToken(token);
            if (apiToken.accepted()) {
                return accepted(request, apiToken.subject());
            }
            return Optional.of(new Refusal(401, realm.challenge(request, scope, "invalid_token"),
                    "the token is not valid or has expired"));
        }
        return Optional.of(new Refusal(401, realm.challenge(request, scope, null),
                "unsupported Authorization scheme: use Basic or Bearer"));
    }

    /** Let in; the audit log's actor is who the credentials belong to. */
    private static Optional<Refusal> accepted(HttpServletRequest request, String username) {
        request.setAttribute(org.sregistry.host.audit.Audit.ACTOR_ATTRIBUTE, username);
        return Optional.empty();
    }

    private static String scope(String repository, Set<Action> actions) {
        if (actions.contains(Action.CATALOG)) {
            return "registry:catalog:*";
        }
        if (repository == null) {
            return null;
        }
        return "repository:" + repository + ":" + actions.stream().map(Action::scopeName).sorted(
                (a, b) -> order(a) - order(b)).collect(Collectors.joining(","));
    }

    /** pull before push before delete, as clients write scopes. */
    private static int order(String action) {
        return switch (action) {
            case "pull" -> 0;
            case "push" -> 1;
            default -> 2;
        };
    }
}
