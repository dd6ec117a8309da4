package org.sregistry.globus.endpoints;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.sregistry.globus.browse.InvalidInputException;
import org.sregistry.globus.client.Endpoint;
import org.sregistry.globus.client.EndpointScope;
import org.sregistry.globus.client.EndpointSearch;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.connection.Connection;

/**
 * Finds endpoints for the endpoints page and API: without a query the admin's own ({@code my-endpoints}) and
 * shared ({@code shared-with-me}) endpoints, each scope fetched in parallel and completely (all pages); with a
 * query a full-text search of scope {@code all}, whose results are labelled with their real scope (own or shared
 * with the admin, from those two lists fetched alongside; else {@code all}: found by the search). Each (scope,
 * query) result is cached for a short time, since admins come back to the page often and endpoint lists change
 * rarely; "refresh" reloads.
 */
public final class EndpointDirectory {
    /** The scopes of the page without a query. */
    public static final List<String> DEFAULT_SCOPES = List.of(EndpointScope.MY_ENDPOINTS.value(),
            EndpointScope.SHARED_WITH_ME.value());
    /** Longest accepted search text. */
    public static final int MAX_QUERY = 200;
    /** How long a result is reused. */
    public static final Duration TTL = Duration.ofSeconds(30);

    private final Supplier<String> registryEndpointId;
    private final FetchPool pool;
    private final TtlCache<Key, List<Endpoint>> cache;

    private record Key(String scope, String query, Object credentialsVersion) {
    }

    /**
     * @param registryEndpointId the registry's own endpoint id, or null
     * @param pool               where scopes are fetched in parallel
     * @param clock              for the cache
     */
    public EndpointDirectory(Supplier<String> registryEndpointId, FetchPool pool, Clock clock) {
        this.registryEndpointId = registryEndpointId;
        this.pool = pool;
        this.cache = new TtlCache<>(clock, TTL, 256);
    }

    /**
     * The endpoints for a scope and query, as {@code caller} sees them (its quick client searches: a person waits;
     * its credentials version keys the cache, so another identity never sees cached results).
     *
     * @param scope   a Globus scope name, or null/blank for the default ones ({@code all} when there is a query)
     * @param query   full-text query, or null/blank
     * @param refresh true to bypass the cache
     * @throws InvalidInputException unknown scope, {@code all} without query, query too long
     * @throws org.sregistry.globus.client.GlobusApiException Globus failed
     */
    public EndpointListing find(Connection caller, String scope, String query, boolean refresh) {
        String text = query == null || query.isBlank() ? null : query.trim();
        if (text != null && text.length() > MAX_QUERY) {
            throw new InvalidInputException("search text is too long (at most " + MAX_QUERY + " characters)");
        }
        List<String> scopes = scopes(scope, text);
        TransferClient client = caller.quickTransfer();
        Object version = caller.credentialsVersion();
        List<CompletableFuture<TtlCache.Entry<List<Endpoint>>>> futures = new ArrayList<>();
        for (String s : scopes) {
            Key key = new Key(s, text == null ? null : text.toLowerCase(Locale.ROOT), version);
            futures.add(pool.submit(() -> cache.get(key, refresh, () -> fetch(client, s, text))));
        }
        // a search's results say which are the admin's own or shared with them: those lists come at the same time
        boolean search = scopes.equals(List.of(EndpointScope.ALL.value()));
        Map<String, CompletableFuture<TtlCache.Entry<List<Endpoint>>>> labels = new LinkedHashMap<>();
        if (search) {
            for (String s : DEFAULT_SCOPES) {
                Key key = new Key(s, null, version);
                labels.put(s, pool.submit(() -> cache.get(key, false, () -> fetch(client, s, null))));
            }
        }
        Map<String, EndpointRow> rows = new LinkedHashMap<>();
        Instant oldest = null;
        boolean cached = false;
        String own = registryEndpointId.get();
        for (int i = 0; i < scopes.size(); i++) {
            TtlCache.Entry<List<Endpoint>> entry = FetchPool.join(futures.get(i));
            cached |= entry.hit();
            oldest = oldest == null || entry.loadedAt().isBefore(oldest) ? entry.loadedAt() : oldest;
            for (Endpoint e : entry.value()) {
                if (e.id() != null) {
                    rows.putIfAbsent(e.id(), EndpointRow.of(e, scopes.get(i), own));
                }
            }
        }
        if (search) {
            Map<String, String> realScope = realScopes(labels);
            rows.replaceAll((id, row) -> row.inScope(realScope.getOrDefault(id, row.scope())));
        }
        List<EndpointRow> ordered = new ArrayList<>(rows.values());
        ordered.sort((a, b) -> Boolean.compare(b.registryEndpoint(), a.registryEndpoint())); // stable: own first
        return new EndpointListing(text, scopes, ordered, oldest, cached);
    }

    /** Endpoint id → the default scope it is in; a list Globus did not give just labels nothing. */
    private static Map<String, String> realScopes(Map<String, CompletableFuture<TtlCache.Entry<List<Endpoint>>>> lists) {
        Map<String, String> scopes = new LinkedHashMap<>();
        lists.forEach((scope, future) -> {
            try {
                for (Endpoint e : FetchPool.join(future).value()) {
                    if (e.id() != null) {
                        scopes.putIfAbsent(e.id(), scope);
                    }
                }
            } catch (RuntimeException e) {
                // the search itself worked: its rows keep the scope they were found in
            }
        });
        return scopes;
    }

    /** Forgets cached results (after a login, logout or consent). */
    public void clear() {
        cache.clear();
    }

    private static List<Endpoint> fetch(TransferClient client, String scope, String text) {
        EndpointSearch search = text == null ? new EndpointSearch(scope, null, null, null, null)
                : new EndpointSearch(scope, text, null, null, null);
        return client.searchEndpoints(search);
    }

    private static List<String> scopes(String scope, String text) {
        if (scope == null || scope.isBlank()) {
            return text == null ? DEFAULT_SCOPES : List.of(EndpointScope.ALL.value());
        }
        String s = scope.trim();
        boolean known = false;
        for (EndpointScope value : EndpointScope.values()) {
            known |= value.value().equals(s);
        }
        if (!known) {
            throw new InvalidInputException("unknown scope '" + (s.length() > 40 ? s.substring(0, 40) : s)
                    + "': use my-endpoints, shared-with-me, all, ...");
        }
        if (s.equals(EndpointScope.ALL.value()) && text == null) {
            throw new InvalidInputException("scope 'all' needs a search text (q)");
        }
        return List.of(s);
    }
}
