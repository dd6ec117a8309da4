package org.sregistry.globussim.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.sregistry.globussim.http.Ids;
import org.sregistry.globussim.store.Identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OIDC claims for an identity, and id_tokens carrying them, signed RS512 with the current {@link SigningKeys} key. */
final class IdTokens {
    static final String IDP_ID = "41143743-f3c8-4d60-bbdb-eeecaba85bd9";
    static final String IDP_NAME = "Globus Simulator IdP";

    private IdTokens() {}

    static Map<String, Object> claims(Identity identity, String scope) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", identity.id);
        boolean profile = scope == null || scope.contains("profile");
        boolean email = scope == null || scope.contains("email");
        if (profile) {
            c.put("preferred_username", identity.username);
            c.put("name", identity.name);
            c.put("organization", identity.organization);
            c.put("identity_provider", IDP_ID);
            c.put("identity_provider_display_name", IDP_NAME);
            c.put("last_authentication", Instant.now().getEpochSecond());
        }
        if (email) c.put("email", identity.email);
        return c;
    }

    /** The {@code identity_set} entry for one identity (Globus lists every linked identity; the simulator has none). */
    static Map<String, Object> identitySetEntry(Identity identity) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("sub", identity.id);
        e.put("username", identity.username);
        e.put("name", identity.name);
        e.put("email", identity.email);
        e.put("organization", identity.organization);
        e.put("identity_provider", IDP_ID);
        e.put("identity_provider_display_name", IDP_NAME);
        e.put("last_authentication", Instant.now().getEpochSecond());
        return e;
    }

    /**
     * A signed id_token: the identity's claims plus iss, aud (the client id), iat, exp, the authorization request's
     * nonce (when it had one), at_hash of the auth.globus.org access token and identity_set.
     */
    static String idToken(SigningKeys keys, String issuer, Identity identity, String clientId, String scope, String nonce,
                          String accessToken, long lifetimeSeconds, IdTokenFaults.Mutation fault) {
        long now = Instant.now().getEpochSecond();
        if (fault == IdTokenFaults.Mutation.EXPIRED) now -= lifetimeSeconds + 600;
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
        claims(identity, scope).forEach(b::claim);
        b.issuer(fault == IdTokenFaults.Mutation.WRONG_ISSUER ? issuer + "/other" : issuer)
                .audience(fault == IdTokenFaults.Mutation.WRONG_AUDIENCE ? Ids.uuid() : clientId)
                .issueTime(new Date(now * 1000)).expirationTime(new Date((now + lifetimeSeconds) * 1000));
        if (nonce != null) b.claim("nonce", fault == IdTokenFaults.Mutation.WRONG_NONCE ? nonce + "-other" : nonce);
        if (accessToken != null) b.claim("at_hash", atHash(accessToken));
        b.claim("identity_set", List.of(identitySetEntry(identity)));
        RSAKey key = fault == IdTokenFaults.Mutation.UNKNOWN_KID ? SigningKeys.generate() : keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(SigningKeys.ALGORITHM).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), b.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an id_token", e);
        }
        if (fault == IdTokenFaults.Mutation.BAD_SIGNATURE) {
            byte[] sig = jwt.getSignature().decode();
            sig[sig.length / 2] ^= 0x01;
            try {
                return new SignedJWT(jwt.getHeader().toBase64URL(), jwt.getPayload().toBase64URL(), Base64URL.encode(sig))
                        .serialize();
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        return jwt.serialize();
    }

    /** OIDC Core 3.1.3.6: base64url of the left half of SHA-512 (the hash of RS512) of the access token's ASCII. */
    static String atHash(String accessToken) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-512").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, d.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
