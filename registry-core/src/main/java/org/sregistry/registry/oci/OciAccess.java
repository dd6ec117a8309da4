package org.sregistry.registry.oci;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what over {@code /v2/}: the host decides (accounts, tokens, roles), the OCI layer
 * asks before every operation. A refusal carries what the client needs to retry: for an anonymous
 * caller the {@code WWW-Authenticate} challenge naming the token endpoint and the scope.
 *
 * <p>Example: {@code OciAccess open = (request, repository, actions) -> Optional.empty();}
 */
@FunctionalInterface
public interface OciAccess {
    /** What a request does to a repository, as in a token scope {@code repository:NAME:pull,push}. */
    enum Action {
        PULL, PUSH, DELETE,
        /** Listing the repositories ({@code /v2/_catalog}; scope {@code registry:catalog:*}). */
        CATALOG;

        /** The scope spelling ({@code pull}). */
        public String scopeName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Checks a request.
     *
     * @param repository the repository, or null for the base endpoint and the catalog
     * @param actions    what the request does (empty for the base endpoint)
     * @return empty when allowed, else why not
     */
    Optional<Refusal> check(HttpServletRequest request, String repository, Set<Action> actions);

    /**
     * The repositories the request's caller may see, for {@code /v2/_catalog} (asked after
     * {@link #check} allowed the catalog). Default: all.
     */
    default java.util.function.Predicate<String> visibleRepositories(HttpServletRequest request) {
        return repository -> true;
    }

    /**
     * A refused request.
     *
     * @param status          401 (not authenticated: retry with credentials), 403 (not allowed), 404 (the
     *                        caller may not know the repository: answered {@code NAME_UNKNOWN}, as a missing
     *                        one) or 429 (slowed down)
     * @param wwwAuthenticate the challenge to send with a 401, or null
     * @param message         for people
     */
    record Refusal(int status, String wwwAuthenticate, String message) {
    }
}
