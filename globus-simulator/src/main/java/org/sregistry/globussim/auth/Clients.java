package org.sregistry.globussim.auth;

import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered confidential clients (web apps using the code flow with {@code client_secret_basic}). Clients not
 * registered here are treated as native apps, as before: any UUID client id, no secret. Kept in memory only.
 */
public final class Clients {
    /** A registered client; only a hash of its secret is kept. */
    public record Client(String id, String name, List<String> redirectUris, byte[] secretHash) {
        public boolean secretMatches(String secret) {
            return secret != null && MessageDigest.isEqual(secretHash, sha256(secret));
        }
    }

    /** What registration hands back (the secret only this once). */
    public record Registered(String clientId, String clientSecret, String name, List<String> redirectUris) {}

    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    /** Registers (or replaces) a client; id and secret are generated when null. */
    public Registered register(String id, String secret, String name, List<String> redirectUris) {
        String clientId = id == null || id.isBlank() ? Ids.uuid() : id.trim();
        if (!Ids.isUuid(clientId)) throw ApiError.badRequest("client id must be a UUID, got '" + clientId + "'");
        if (redirectUris == null || redirectUris.isEmpty()) throw ApiError.badRequest("'redirect_uris' must list at least one URI");
        String clientSecret = secret == null || secret.isEmpty() ? Ids.alnum(43) : secret;
        List<String> uris = List.copyOf(redirectUris);
        String label = name == null || name.isBlank() ? "client " + clientId : name;
        clients.put(clientId, new Client(clientId, label, uris, sha256(clientSecret)));
        return new Registered(clientId, clientSecret, label, uris);
    }

    public Client get(String clientId) { return clientId == null ? null : clients.get(clientId); }

    public boolean remove(String clientId) { return clients.remove(clientId) != null; }

    public List<Client> all() { return new ArrayList<>(clients.values()); }

    /** For a registered client, the redirect URI must be one of its registered ones, exactly. */
    public void checkAuthorize(AuthorizationRequest request) {
        Client c = get(request.clientId());
        if (c != null && !c.redirectUris().contains(request.redirectUri())) {
            throw ApiError.badRequest("Invalid redirect_uri '" + request.redirectUri() + "' for client " + c.id()
                    + ": it is not one of the client's registered redirect URIs");
        }
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
