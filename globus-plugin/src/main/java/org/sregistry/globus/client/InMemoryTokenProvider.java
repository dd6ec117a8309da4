package org.sregistry.globus.client;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TokenProvider} kept in memory (tests, one-off tools). */
public final class InMemoryTokenProvider implements TokenProvider {

    private final Map<String, ResourceToken> tokens = new ConcurrentHashMap<>();

    /** Empty provider. */
    public InMemoryTokenProvider() {
    }

    /** Provider holding the tokens of a login. */
    public static InMemoryTokenProvider of(TokenSet set) {
        InMemoryTokenProvider p = new InMemoryTokenProvider();
        set.byResourceServer().values().forEach(p::put);
        return p;
    }

    /** Provider holding the given tokens. */
    public static InMemoryTokenProvider of(ResourceToken... list) {
        InMemoryTokenProvider p = new InMemoryTokenProvider();
        for (ResourceToken t : list) {
            p.put(t);
        }
        return p;
    }

    /** Stores or replaces a token. */
    public void put(ResourceToken token) {
        tokens.put(token.resourceServer(), token);
    }

    @Override
    public Optional<ResourceToken> token(String resourceServer) {
        return Optional.ofNullable(tokens.get(resourceServer));
    }

    @Override
    public boolean tokenRefreshed(ResourceToken used, ResourceToken refreshed) {
        // same compare-and-set rule as the token file: only replace the token that was refreshed
        boolean[] stored = {false};
        tokens.computeIfPresent(used.resourceServer(), (k, current) -> {
            stored[0] = Objects.equals(current.refreshToken(), used.refreshToken());
            return stored[0] ? refreshed : current;
        });
        return stored[0];
    }
}
