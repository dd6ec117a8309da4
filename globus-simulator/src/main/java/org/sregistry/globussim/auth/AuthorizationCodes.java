package org.sregistry.globussim.auth;

import org.sregistry.globussim.http.Ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One-time authorization codes, with their PKCE challenge, bound to an approving identity. */
public final class AuthorizationCodes {
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    /** An issued code. */
    public record Issued(AuthorizationRequest request, String identityId, Instant expiresAt) {}

    private final Map<String, Issued> codes = new ConcurrentHashMap<>();

    public String issue(AuthorizationRequest request, String identityId) {
        String code = Ids.alnum(30);
        codes.put(code, new Issued(request, identityId, Instant.now().plus(LIFETIME)));
        return code;
    }

    /** Takes a code out (one use only, even when the exchange then fails); null if unknown, used or expired. */
    public Issued redeem(String code) {
        if (code == null) return null;
        Issued issued = codes.remove(code);
        if (issued == null || Instant.now().isAfter(issued.expiresAt())) return null;
        return issued;
    }

    /** base64url(SHA-256(verifier)) without padding, as RFC 7636 S256 defines. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
