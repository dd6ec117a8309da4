package org.sregistry.host.oci;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.sregistry.host.access.Permissions;
import org.sregistry.host.auth.LoginThrottle;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.access.Decision;
import org.sregistry.registry.oci.OciAccess;

/**
 * The host's answer to "may this {@code /v2/} request do that". First who is asking: a token from
 * our token endpoint (its grants must cover the request), HTTP Basic, an API token, or nobody
 * (anonymous pull from public collections when {@code REGISTRY_ANONYMOUS_PULL} is on; otherwise a
 * Bearer challenge naming the scope needed). Then what they may do now ({@link OciGrants}): a
 * repository the caller may not see is answered {@code 404 NAME_UNKNOWN}, exactly like a missing
 * one; one they see but may not change, {@code 403 DENIED}.
 */
public final class RegistryOciAccess implements OciAccess {
    private final OciCredentials credentials;
    private final OciTokens tokens;
    private final OciRealm realm;
    private final OciGrants grants;
    private final UserStore users;

    public RegistryOciAccess(OciCredentials credentials, OciTokens tokens, OciRealm realm, OciGrants grants,
                             UserStore users) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.realm = realm;
        this.grants = grants;
        this.users = users;
    }

    /** Who is asking: a user, or anonymous (user null), with the token's grants when a token was sent. */
    private record Caller(User user, OciTokens.Verified token) {
    }

    @Override
    public Optional<Refusal> check(HttpServletRequest request, String repository, Set<Action> actions) {
        String scope = scope(repository, actions);
        Caller caller;
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            caller = new Caller(null, null);
        } else {
            Object identified = identify(request, authorization, scope);
            if (identified instanceof Refusal refusal) {
                return Optional.of(refusal);
            }
            caller = (Caller) identified;
        }
        if (caller.user() != null) {
            request.setAttribute(org.sregistry.host.audit.Audit.ACTOR_ATTRIBUTE, caller.user().username()); // for the audit log
        }
        if (caller.token() != null) {
            Optional<Refusal> beyondToken = beyondToken(request, caller.token(), repository, actions, scope);
            if (beyondToken.isPresent()) {
                return beyondToken;
            }
        }
        if (actions.contains(Action.CATALOG)) {
            return caller.user() != null || anonymousPull() ? Optional.empty() : Optional.of(signIn(request, scope));
        }
        if (repository == null) {
            // the base endpoint: a client without credentials learns the token endpoint from the challenge
            return caller.user() != null || caller.token() != null ? Optional.empty() : Optional.of(signIn(request, scope));
        }
        Set<Action> allowed = grants.allowedActions(caller.user(), repository, actions, true);
        if (allowed.containsAll(actions)) {
            return Optional.empty();
        }
        if (caller.user() == null) {
            return Optional.of(signIn(request, scope));
        }
        // a refused push is 403 whether the collection is hidden or missing (as the REST API answers it);
        // a refused read or delete of a hidden repository is the 404 of a missing one
        Decision refusal = actions.contains(Action.PUSH) && !allowed.contains(Action.PUSH) ? Decision.DENIED
                : grants.refusal(caller.user(), repository);
        if (refusal == Decision.HIDDEN) {
            return Optional.of(new Refusal(404, null, "repository name not known to registry"));
        }
        return Optional.of(new Refusal(403, null, "you may not " + actions.stream().filter(a -> !allowed.contains(a))
                .map(Action::scopeName).sorted().collect(Collectors.joining(", ")) + " " + repository));
    }

    @Override
    public Predicate<String> visibleRepositories(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        User user = null;
        if (authorization != null && !authorization.isBlank()) {
            Object identified = identify(request, authorization, null);
            if (identified instanceof Caller caller) {
                user = caller.user();
            }
        }
        Optional<Set<String>> visible = grants.permissions().visibleCollections(user);
        return repository -> visible.map(names -> names.contains(Permissions.collectionOf(repository))).orElse(true);
    }

    /** A {@link Caller}, or the {@link Refusal} for credentials that are wrong. */
    private Object identify(HttpServletRequest request, String authorization, String scope) {
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            OciCredentials.Outcome outcome = credentials.basic(authorization.substring(6), request.getRemoteAddr());
            if (outcome.accepted()) {
                return new Caller(outcome.user(), null);
            }
            if (outcome.verdict() == LoginThrottle.Verdict.SLOWED) {
                return new Refusal(429, null, "too many failed logins; try again in "
                        + Math.max(1, outcome.retryAfter().toSeconds()) + " s");
            }
            return new Refusal(401, realm.challenge(request, scope, null), "wrong username or password");
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            Optional<OciTokens.Verified> verified = tokens.verify(token)
                    .filter(v -> credentials.isCurrent(v.source()))
                    .filter(v -> realm.service(request).equals(v.audience()));
            if (verified.isPresent()) {
                String subject = verified.get().subject();
                User user = subject == null || subject.isEmpty() ? null
                        : users.byName(subject).filter(User::enabled).orElse(null);
                if (user == null && subject != null && !subject.isEmpty()) {
                    return new Refusal(401, realm.challenge(request, scope, "invalid_token"), "the token's user is gone");
                }
                return new Caller(user, verified.get());
            }
            OciCredentials.Outcome apiToken = credentials.apiToken(token);
            if (apiToken.accepted()) {
                return new Caller(apiToken.user(), null);
            }
            return new Refusal(401, realm.challenge(request, scope, "invalid_token"), "the token is not valid or has expired");
        }
        return new Refusal(401, realm.challenge(request, scope, null), "unsupported Authorization scheme: use Basic or Bearer");
    }

    /** A token's grants must cover the request (the client asks for a wider token on 401 insufficient_scope). */
    private Optional<Refusal> beyondToken(HttpServletRequest request, OciTokens.Verified token, String repository,
                                          Set<Action> actions, String scope) {
        if (actions.contains(Action.CATALOG)) {
            boolean granted = token.grants().stream().anyMatch(g -> g.type().equals("registry") && g.name().equals("catalog"));
            return granted ? Optional.empty() : Optional.of(new Refusal(401, realm.challenge(request, scope,
                    "insufficient_scope"), "the token does not grant registry:catalog:*"));
        }
        if (repository == null || token.allows(repository, actions.stream().map(Action::scopeName).toList())) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(401, realm.challenge(request, scope, "insufficient_scope"),
                "the token does not grant " + scope));
    }

    private boolean anonymousPull() {
        return grants.permissions().anonymousPull();
    }

    private Refusal signIn(HttpServletRequest request, String scope) {
        return new Refusal(401, realm.challenge(request, scope, null),
                "authentication required: log in (apptainer registry login, docker login) or send a token");
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
