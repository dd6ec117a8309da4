package org.sregistry.host.oci;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.sregistry.host.auth.SecureFiles;

/**
 * The short-lived tokens of the {@code /v2/} token endpoint: JWTs (HS256) naming who asked and
 * which repositories they may touch how ({@code access}, as distribution's token spec has it).
 * The signing key is 256 random bits in {@code <data-dir>/auth/oci-token.key} (0600), made at first use.
 */
public final class OciTokens {
    /** How long a token is good for: clients ask again when it runs out. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String ISSUER = "sregistry";

    private final byte[] key;
    private final Clock clock;

    /** A grant: {@code repository:NAME:pull,push}. */
    public record Grant(String type, String name, List<String> actions) {
    }

    /** A verified token: who, from which credentials ({@code source}), for what, for which service. */
    public record Verified(String subject, String source, String audience, List<Grant> grants) {
        /** True when the grants cover {@code actions} on repository {@code name}. */
        public boolean allows(String name, java.util.Collection<String> actions) {
            for (String action : actions) {
                boolean found = grants.stream().anyMatch(g -> g.type().equals("repository") && g.name().equals(name)
                        && (g.actions().contains(action) || g.actions().contains("*")));
                if (!found) {
                    return false;
                }
            }
            return true;
        }
    }

    public OciTokens(Path dataDir, Clock clock) {
        this.clock = clock;
        this.key = loadOrCreateKey(dataDir.resolve("auth").resolve("oci-token.key"));
    }

    /** Issues a token for {@code subject} with {@code grants}, good for {@link #LIFETIME}. */
    public String issue(String subject, String source, String audience, List<Grant> grants) {
        return issue(subject, source, audience, grants, LIFETIME);
    }

    /**
     * Issues a token good for {@code lifetime}: for clients that never ask again, such as the
     * library client, which uses the one token of its OCI redirect for a whole push or pull.
     */
    public String issue(String subject, String source, String audience, List<Grant> grants, Duration lifetime) {
        Instant now = clock.instant();
        List<Map<String, Object>> access = new ArrayList<>();
        for (Grant g : grants) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", g.type());
            entry.put("name", g.name());
            entry.put("actions", g.actions());
            access.add(entry);
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience(audience)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(lifetime))).jwtID(UUID.randomUUID().toString())
                .claim("access", access).claim("src", source).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** The token's subject and grants, when it is one of ours, intact and not expired. */
    public Optional<Verified> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date now = Date.from(clock.instant());
            if (!ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime() == null
                    || !claims.getExpirationTime().after(now)
                    || (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().after(now))) {
                return Optional.empty();
            }
            List<Grant> grants = new ArrayList<>();
            Object access = claims.getClaim("access");
            if (access instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && m.get("type") instanceof String type && m.get("name") instanceof String name
                            && m.get("actions") instanceof List<?> actions) {
                        grants.add(new Grant(type, name, actions.stream().map(String::valueOf).toList()));
                    }
                }
            }
            Object source = claims.getClaim("src");
            List<String> audience = claims.getAudience();
            return Optional.of(new Verified(claims.getSubject(), source instanceof String src ? src : null,
                    audience == null || audience.isEmpty() ? null : audience.get(0), List.copyOf(grants)));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty(); // not a JWT (e.g. an API token), or not ours
        }
    }

    private static byte[] loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            SecureFiles.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token key " + file, e);
        }
    }
}
