package org.sregistry.globussim.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.JWK;
import org.sregistry.globussim.http.Ids;
import org.sregistry.globussim.store.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The RSA keys id_tokens are signed with (RS512, as Globus Auth signs): one current key plus retired ones that stay
 * in the JWKS until removed, so tokens signed before a rotation still verify. Made at first start; kept in the data dir when given one.
 */
public final class SigningKeys {
    /** The algorithm Globus Auth advertises in {@code id_token_signing_alg_values_supported}. */
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS512;

    private final List<RSAKey> keys = new ArrayList<>(); // oldest first; the last is current
    private final Path file;

    /** Keys in memory only. */
    public SigningKeys() {
        this(null);
    }

    /** Keys kept in {@code file} (private parts included; a test tool's keys), loaded when it exists. */
    public SigningKeys(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try {
                for (JWK k : JWKSet.load(file.toFile()).getKeys()) keys.add(k.toRSAKey());
            } catch (IOException | ParseException e) {
                throw new IllegalStateException("Cannot read the signing keys in " + file, e);
            }
        }
        if (keys.isEmpty()) rotate();
    }

    /** Makes a new key the current one; the previous keys stay published. Returns the new key's kid. */
    public synchronized String rotate() {
        RSAKey key = generate();
        keys.add(key);
        save();
        return key.getKeyID();
    }

    /** Drops a retired key from the JWKS; the current key cannot be removed. True if it was there. */
    public synchronized boolean remove(String kid) {
        if (current().getKeyID().equals(kid)) throw new IllegalArgumentException("Cannot remove the current signing key");
        boolean removed = keys.removeIf(k -> k.getKeyID().equals(kid));
        if (removed) save();
        return removed;
    }

    private void save() {
        if (file == null) return;
        AtomicFiles.writeJson(file, new JWKSet(new ArrayList<>(keys)).toJSONObject(false));
    }

    /** The key new id_tokens are signed with (private part included). */
    public synchronized RSAKey current() { return keys.get(keys.size() - 1); }

    /** Kids in publication order, oldest first. */
    public synchronized List<String> kids() {
        return keys.stream().map(RSAKey::getKeyID).toList();
    }

    /** The public JWKS ({@code {"keys":[...]}}), as served on {@code jwks_uri}. */
    public synchronized Map<String, Object> publicJwks() {
        return new JWKSet(new ArrayList<>(keys)).toJSONObject(true);
    }

    /** A fresh key, not published (also used for the {@code unknown_kid} id_token fault). */
    static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(Ids.alnum(16)).keyUse(KeyUse.SIGNATURE).algorithm(ALGORITHM).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
    }
}
