package org.sregistry.host.auth.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's discovery metadata and the id_token validator built on it. Resolved lazily on first use and then
 * kept; after a failure the next attempt waits {@link #RETRY_AFTER_FAILURE}, so a login page does not hammer (or
 * wait on) an unreachable provider. Thread-safe; holds no threads or sockets, so there is nothing to close.
 */
public final class OidcProvider {
    private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);
    /** Connect and read timeout of every call to the provider (discovery, JWKS, token endpoint). */
    static final int TIMEOUT_MS = 5_000;
    /** Allowed clock difference for exp/iat. */
    static final int MAX_CLOCK_SKEW_SECONDS = 60;
    /** How long after a failed discovery the next one is tried. */
    public static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(10);

    /** Fetches the discovery document; a seam for tests. */
    @FunctionalInterface
    interface MetadataSource {
        OIDCProviderMetadata fetch(Issuer issuer) throws IOException, GeneralException;
    }

    /** Resolved metadata and the validator built on its JWKS and algorithms. */
    record Ready(OIDCProviderMetadata metadata, IDTokenValidator validator) {
    }

    private final OidcSettings settings;
    private final Clock clock;
    private final Duration retryAfterFailure;
    private final MetadataSource source;

    // guarded by this
    private Ready ready;
    private OidcException failure;
    private Instant nextAttempt = Instant.MIN;

    /** A provider for these settings, with the system clock and the real discovery fetch. */
    public OidcProvider(OidcSettings settings) {
        this(settings, Clock.systemUTC(), RETRY_AFTER_FAILURE, OidcProvider::fetch);
    }

    OidcProvider(OidcSettings settings, Clock clock, Duration retryAfterFailure, MetadataSource source) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryAfterFailure = Objects.requireNonNull(retryAfterFailure, "retryAfterFailure");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The settings this provider was built with. */
    public OidcSettings settings() {
        return settings;
    }

    /**
     * Why OIDC sign-in is unavailable right now (user-facing), or empty when it is ready. May contact the provider
     * (at most once per {@link #RETRY_AFTER_FAILURE} while it fails; up to twice the 5 s timeout).
     */
    public Optional<String> problem() {
        try {
            ready();
            return Optional.empty();
        } catch (OidcException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The resolved metadata and validator, resolving them when due; the last failure otherwise. */
    synchronized Ready ready() throws OidcException {
        if (ready != null) {
            return ready;
        }
        Instant now = clock.instant();
        if (failure != null && now.isBefore(nextAttempt)) {
            throw failure;
        }
        try {
            ready = resolve();
            failure = null;
            return ready;
        } catch (OidcException e) {
            failure = e;
            nextAttempt = now.plus(retryAfterFailure);
            LOG.warn("OIDC sign-in unavailable: {} ({}); next try after {}", e.getMessage(), e.logDetail(), nextAttempt);
            throw e;
        }
    }

    private Ready resolve() throws OidcException {
        Issuer issuer = new Issuer(settings.issuer());
        OIDCProviderMetadata meta;
        try {
            meta = source.fetch(issuer);
        } catch (IOException e) {
            throw new OidcException("cannot reach the sign-in provider at " + issuer, e.toString());
        } catch (GeneralException e) {
            throw new OidcException("the sign-in provider at " + issuer + " sent a discovery document that could not"
                    + " be read", e.getMessage());
        }
        if (!issuer.equals(meta.getIssuer())) {
            throw new OidcException("the sign-in provider at " + issuer + " calls itself " + meta.getIssuer()
                    + "; set " + OidcOptions.ISSUER + " to exactly that", "issuer mismatch");
        }
        Set<JWSAlgorithm> algs = acceptedAlgorithms(meta);
        if (algs.isEmpty()) {
            throw new OidcException("the sign-in provider at " + issuer + " signs id_tokens only with "
                    + meta.getIDTokenJWSAlgs() + ", which the registry does not support", "no usable algorithm");
        }
        JWKSource<SecurityContext> keys;
        try {
            // default cache (5 min) refetches once, rate-limited, when a kid is unknown: key rotation just works
            keys = JWKSourceBuilder.create(meta.getJWKSetURI().toURL(), new DefaultResourceRetriever(TIMEOUT_MS,
                    TIMEOUT_MS, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT)).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new OidcException("the sign-in provider at " + issuer + " lists an unusable jwks_uri", e.toString());
        }
        IDTokenValidator validator = new IDTokenValidator(issuer, new ClientID(settings.clientId()),
                new JWSVerificationKeySelector<>(algs, keys), null);
        validator.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        LOG.info("OIDC provider {} ready (id_token algorithms {})", issuer, algs);
        return new Ready(meta, validator);
    }

    /**
     * The listed algorithms we verify with public keys (RSA and EC). HMAC would need the client secret as key and
     * "none" is never acceptable. No list means RS256 (OIDC Discovery's required default).
     */
    static Set<JWSAlgorithm> acceptedAlgorithms(OIDCProviderMetadata meta) {
        List<JWSAlgorithm> listed = meta.getIDTokenJWSAlgs();
        if (listed == null || listed.isEmpty()) {
            return Set.of(JWSAlgorithm.RS256);
        }
        Set<JWSAlgorithm> out = new LinkedHashSet<>();
        for (JWSAlgorithm a : listed) {
            if (JWSAlgorithm.Family.RSA.contains(a) || JWSAlgorithm.Family.EC.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** GET {@code <issuer>/.well-known/openid-configuration}, timed out as every call ({@link ClientCalls#send}). */
    static OIDCProviderMetadata fetch(Issuer issuer) throws IOException, GeneralException {
        HTTPResponse response = ClientCalls.send(new HTTPRequest(HTTPRequest.Method.GET,
                OIDCProviderMetadata.resolveURL(issuer)));
        if (response.getStatusCode() != 200) {
            throw new GeneralException("HTTP " + response.getStatusCode() + " for the discovery document");
        }
        return OIDCProviderMetadata.parse(response.getBodyAsJSONObject()); // ParseException is a GeneralException
    }
}
