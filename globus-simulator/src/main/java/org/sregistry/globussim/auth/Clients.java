package org.sregistry.globussim.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Ids;
import org.sregistry.globussim.http.Json;
import org.sregistry.globussim.store.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered confidential clients (web apps using the code flow with {@code client_secret_basic}). Clients not
 * registered here are treated as native apps, as before: any UUID client id, no secret. Kept in the data dir
 * when given one.
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
    private final Path file;

    /** Clients in memory only. */
    public Clients() {
        this(null);
    }

    /** Clients kept in {@code file} (secret hashes only), loaded when it exists. */
    public Clients(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try {
                for (JsonNode c : Json.MAPPER.readTree(file.toFile()).path("clients")) {
                    List<String> uris = new ArrayList<>();
                    c.path("redirect_uris").forEach(u -> uris.add(u.asText()));
                    String id = c.path("client_id").asText();
                    clients.put(id, new Client(id, c.path("name").asText(), List.copyOf(uris),
                            Base64.getDecoder().decode(c.path("secret_sha256").asText())));
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the clients in " + file, e);
            }
        }
    }

    private synchronized void save() {
        if (file == null) return;
        List<Map<String, Object>> out = new ArrayList<>();
        for (Client c : clients.values()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("client_id", c.id());
            d.put("name", c.name());
            d.put("redirect_uris", c.redirectUris());
            d.put("secret_sha256", Base64.getEncoder().encodeToString(c.secretHash()));
            out.add(d);
        }
        AtomicFiles.writeJson(file, Map.of("clients", out));
    }

    /** Registers (or replaces) a client; id and secret are generated when null. */
    public Registered register(String id, String secret, String name, List<String> redirectUris) {
        String clientId = id == null || id.isBlank() ? Ids.uuid() : id.trim();
        if (!Ids.isUuid(clientId)) throw ApiError.badRequest("client id must be a UUID, got '" + clientId + "'");
        if (redirectUris == null || redirectUris.isEmpty()) throw ApiError.badRequest("'redirect_uris' must list at least one URI");
        String clientSecret = secret == null || secret.isEmpty() ? Ids.alnum(43) : secret;
        List<String> uris = List.copyOf(redirectUris);
        String label = name == null || name.isBlank() ? "client " + clientId : name;
        clients.put(clientId, new Client(clientId, label, uris, sha256(clientSecret)));
        save();
        return new Registered(clientId, clientSecret, label, uris);
    }

    public Client get(String clientId) { return clientId == null ? null : clients.get(clientId); }

    public boolean remove(String clientId) {
        boolean removed = clients.remove(clientId) != null;
        if (removed) save();
        return removed;
    }

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
