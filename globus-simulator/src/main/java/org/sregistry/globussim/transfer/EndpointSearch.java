package org.sregistry.globussim.transfer;

import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.store.TaskStore;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The selection rules of {@code endpoint_search}: scopes and word-prefix full-text matching. */
final class EndpointSearch {
    private final TaskStore tasks;

    EndpointSearch(TaskStore tasks) {
        this.tasks = tasks;
    }

    /** The scope's membership test for a caller. Unknown scopes fall back to "visible" (tolerant). */
    Predicate<Endpoint> scope(String scope, String callerId, boolean hasFulltext) {
        String s = scope == null || scope.isBlank() ? "all" : scope;
        Predicate<Endpoint> visible = e -> EndpointAccess.canSee(callerId, e);
        return switch (s) {
            case "all" -> {
                if (!hasFulltext) throw ApiError.badRequest("filter_fulltext is required when filter_scope is 'all'");
                yield visible;
            }
            case "my-endpoints" -> e -> EndpointAccess.isOwner(callerId, e);
            case "administered-by-me" -> e -> e.hasRole(callerId, "administrator");
            case "my-gcp-endpoints" -> e -> EndpointAccess.isOwner(callerId, e) && e.isGcp();
            case "shared-with-me" -> e -> !EndpointAccess.isOwner(callerId, e)
                    && (e.sharedWith.contains(callerId) || (e.isGuest() && AccessRules.namesAnywhere(e, callerId)));
            case "shared-by-me" -> e -> EndpointAccess.isOwner(callerId, e)
                    && (!e.sharedWith.isEmpty() || String.valueOf(e.entityType).endsWith("guest_collection"));
            case "recently-used" -> usedBy(callerId, false);
            case "in-use" -> usedBy(callerId, true);
            case "hide-no-permissions" -> e -> EndpointAccess.canUse(callerId, e);
            default -> visible;
        };
    }

    private Predicate<Endpoint> usedBy(String callerId, boolean activeOnly) {
        Set<String> ids = tasks.find(t -> callerId.equals(t.ownerId) && (!activeOnly || !t.isTerminal())).stream()
                .flatMap(t -> Stream.of(t.sourceEndpointId, t.destinationEndpointId)).collect(Collectors.toSet());
        return e -> ids.contains(e.id) && EndpointAccess.canSee(callerId, e);
    }

    /** Every query term (punctuation dropped) must prefix some word of the searchable fields. */
    static Predicate<Endpoint> fulltext(String query) {
        if (query == null || query.isBlank()) return e -> true;
        String[] terms = words(query);
        return e -> {
            String[] fieldWords = words(String.join(" ", nz(e.displayName), EndpointDocuments.canonicalName(e),
                    nz(e.description), nz(e.organization), nz(e.department), nz(e.keywords), nz(e.ownerString)));
            return Arrays.stream(terms).allMatch(t -> Arrays.stream(fieldWords).anyMatch(w -> w.startsWith(t)));
        };
    }

    private static String[] words(String s) {
        return Arrays.stream(s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toArray(String[]::new);
    }

    private static String nz(String s) { return s == null ? "" : s; }

}
