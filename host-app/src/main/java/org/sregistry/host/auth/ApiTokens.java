package org.sregistry.host.auth;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Bearer API tokens for scripts. A token is shown once when created; only its SHA-256 is kept in
 * {@code <data-dir>/auth/api-tokens.properties} (mode 0600).
 */
public final class ApiTokens {
    private static final String PREFIX = "reg_";
    private final Path file;
    private final Map<String, String> hashByName = new TreeMap<>();

    public ApiTokens(Path dataDir) {
        this.file = dataDir.resolve("auth").resolve("api-tokens.properties");
        try {
            if (Files.exists(file)) {
                Properties props = new Properties();
                props.load(new StringReader(Files.readString(file)));
                props.forEach((k, v) -> hashByName.put(k.toString(), v.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Creates a token named {@code name}; answers the token text (shown once). */
    public synchronized String create(String name) {
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("token name must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (hashByName.containsKey(name)) {
            throw new IllegalArgumentException("a token named " + name + " exists already");
        }
        String token = PREFIX + PasswordHasher.randomSecret(24);
        hashByName.put(name, sha256(token));
        try {
            save();
        } catch (RuntimeException e) {
            hashByName.remove(name); // not stored, so not valid: the user is told and tries again
            throw e;
        }
        return token;
    }

    /** Deletes a token; true when it existed. */
    public synchronized boolean revoke(String name) {
        String hash = hashByName.remove(name);
        if (hash != null) {
            try {
                save();
            } catch (RuntimeException e) {
                hashByName.put(name, hash); // still in the file, so still valid after a restart: say so now
                throw e;
            }
        }
        return hash != null;
    }

    /** The token names. */
    public synchronized List<String> names() {
        return List.copyOf(hashByName.keySet());
    }

    /** The name of the token, when {@code token} is valid. */
    /**
     * A short, non-secret fingerprint of a valid token (the first 16 hex digits of its stored
     * hash), for things made from the token that must die with it; empty for an invalid token.
     */
    public synchronized Optional<String> fingerprint(String token) {
        return verify(token).map(name -> hashByName.get(name).substring(0, 16));
    }

    /** True while a token with this {@link #fingerprint} exists (it was not revoked). */
    public synchronized boolean isCurrent(String fingerprint) {
        return fingerprint != null && fingerprint.length() == 16
                && hashByName.values().stream().anyMatch(h -> h.startsWith(fingerprint));
    }

    public synchronized Optional<String> verify(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] hash = sha256(token).getBytes(StandardCharsets.US_ASCII);
        return hashByName.entrySet().stream()
                .filter(e -> MessageDigest.isEqual(hash, e.getValue().getBytes(StandardCharsets.US_ASCII)))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    private void save() {
        Properties props = new Properties();
        props.putAll(hashByName);
        StringWriter out = new StringWriter();
        try {
            props.store(out, "API tokens (SHA-256 of each token)");
            SecureFiles.writeString(file, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
