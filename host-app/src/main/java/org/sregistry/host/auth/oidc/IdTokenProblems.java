package org.sregistry.host.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * Turns an id_token validation failure into one user-facing message per cause. Claim failures are told apart by
 * re-checking the claims in the validator's order rather than by parsing library messages, which change.
 */
final class IdTokenProblems {
    static final String BAD_SIGNATURE = "the id_token signature is not valid";
    static final String UNKNOWN_KEY = "the id_token was signed with an unknown key";
    static final String WRONG_AUDIENCE = "the id_token was issued for another client";
    static final String EXPIRED = "the id_token has expired";
    static final String WRONG_NONCE = "the id_token's nonce does not match this sign-in";
    static final String KEYS_UNAVAILABLE = "cannot fetch the sign-in provider's signing keys; try again later";
    static final String INVALID = "the id_token is not valid";

    private IdTokenProblems() {
    }

    static String wrongIssuer(String issuer) {
        return "the id_token's issuer is not " + issuer;
    }

    /** For a {@link BadJOSEException} or {@link JOSEException} from {@code IDTokenValidator.validate}. */
    static OidcException explain(Exception e, JWT idToken, OidcSettings settings, String expectedNonce,
                                 Set<JWSAlgorithm> accepted, Clock clock) {
        String detail = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof BadJWSException) {
            return new OidcException(BAD_SIGNATURE, detail);
        }
        if (e instanceof BadJWTException) {
            return new OidcException(claimProblem(idToken, settings, expectedNonce, clock), detail);
        }
        if (e instanceof RateLimitReachedException) {
            // the kid is not in the keys just fetched, and we may not fetch again yet
            return new OidcException(UNKNOWN_KEY, detail);
        }
        if (e instanceof KeySourceException) {
            return new OidcException(KEYS_UNAVAILABLE, detail);
        }
        if (e instanceof BadJOSEException && idToken.getHeader() instanceof JWSHeader h) {
            // "no matching key": either an algorithm the provider does not list, or a kid its JWKS lacks (after
            // the one refetch the JWKS cache does for an unknown kid)
            return new OidcException(accepted.contains(h.getAlgorithm()) ? UNKNOWN_KEY
                    : "the id_token was signed with an unexpected algorithm (" + h.getAlgorithm() + ")", detail);
        }
        return new OidcException(INVALID, detail);
    }

    /** Same order as Nimbus's IDTokenClaimsVerifier: iss, aud (and azp), exp, nonce. */
    private static String claimProblem(JWT idToken, OidcSettings settings, String expectedNonce, Clock clock) {
        JWTClaimsSet c;
        try {
            c = idToken.getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            return INVALID;
        }
        if (!settings.issuer().equals(c.getIssuer())) {
            return wrongIssuer(settings.issuer());
        }
        if (c.getAudience() == null || !c.getAudience().contains(settings.clientId())) {
            return WRONG_AUDIENCE;
        }
        Object azp = c.getClaim("azp");
        if (c.getAudience().size() > 1 && azp != null && !settings.clientId().equals(azp)) {
            return WRONG_AUDIENCE;
        }
        Date exp = c.getExpirationTime();
        Instant now = clock.instant();
        if (exp != null && exp.toInstant().plusSeconds(OidcProvider.MAX_CLOCK_SKEW_SECONDS).isBefore(now)) {
            return EXPIRED;
        }
        Object nonce = c.getClaim("nonce");
        if (!expectedNonce.equals(nonce)) {
            return WRONG_NONCE;
        }
        return INVALID;
    }
}
