package org.sregistry.globus.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A PKCE verifier and its S256 challenge (RFC 7636): verifier = base64url of 32 random bytes, unpadded (as the
 * SDK does); challenge = base64url(SHA-256(verifier)) without padding. Keep the verifier secret until the code
 * exchange; {@link #toString()} hides it.
 */
public record Pkce(String verifier, String challenge) {

    /** The only method we use. */
    public static final String METHOD = "S256";

    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9~_.\\-]{43,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public Pkce {
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            throw new IllegalArgumentException("PKCE verifier must be 43-128 chars of [A-Za-z0-9~_.-]");
        }
    }

    /** A fresh random pair. */
    public static Pkce generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return fromVerifier(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The pair for a known verifier (e.g. kept across a CLI prompt). */
    public static Pkce fromVerifier(String verifier) {
        return new Pkce(verifier, challengeOf(verifier));
    }

    /** base64url(SHA-256(ascii verifier)), unpadded. */
    public static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[verifier=<redacted>, challenge=" + challenge + "]";
    }
}
