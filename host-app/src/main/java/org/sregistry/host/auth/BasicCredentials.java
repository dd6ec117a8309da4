package org.sregistry.host.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A user name and password sent with HTTP Basic: the one decoding of every door that takes them
 * (the auth filter, the {@code /v2/} gate and token endpoint, the audit of a failed sign-in).
 *
 * @param user     the user name as sent (never empty)
 * @param password the password (or an API token), as sent
 */
public record BasicCredentials(String user, String password) {

    /** The credentials of an {@code Authorization: Basic ...} header; empty for any other header or a broken one. */
    public static Optional<BasicCredentials> fromHeader(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        return decode(authorization.substring(6));
    }

    /** The credentials of a Basic value (the base64 after the scheme); empty when it is not base64 of {@code user:password}. */
    public static Optional<BasicCredentials> decode(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? Optional.empty()
                : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}
