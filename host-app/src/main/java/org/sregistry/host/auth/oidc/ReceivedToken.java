package org.sregistry.host.auth.oidc;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.minidev.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token a token endpoint sent for one resource server. {@link #toString()} leaves the tokens out.
 *
 * @param refreshToken null when the provider gave none
 * @param expiresAt    null when the provider did not say
 * @param scopes       as the provider listed them; empty when it did not say
 */
public record ReceivedToken(String resourceServer, String accessToken, String refreshToken, Instant expiresAt,
                            Set<String> scopes) {
    /** The resource server of Globus Auth's own token: the sign-in's, not one to keep. */
    public static final String SIGN_IN_RESOURCE_SERVER = "auth.globus.org";
    private static final Logger LOG = LoggerFactory.getLogger(ReceivedToken.class);

    public ReceivedToken {
        Objects.requireNonNull(resourceServer, "resourceServer");
        Objects.requireNonNull(accessToken, "accessToken");
        scopes = Set.copyOf(scopes);
    }

    /**
     * The tokens of a token response for resource servers other than the sign-in's, first for each resource server:
     * the top-level token when its {@code resource_server} is named and is not {@value #SIGN_IN_RESOURCE_SERVER},
     * and each entry of Globus's {@code other_tokens} (a JSON array of token responses). A provider that names no
     * resource server (Keycloak, ...) gives none. An entry that cannot be read is logged (without its values) and
     * skipped.
     */
    public static List<ReceivedToken> from(AccessTokenResponse response, Instant now) {
        Map<String, Object> custom = response.getCustomParameters();
        List<ReceivedToken> out = new ArrayList<>();
        if (custom.get("resource_server") instanceof String rs) {
            add(out, rs, response.getTokens(), now);
        }
        if (custom.get("other_tokens") instanceof List<?> others) {
            for (Object entry : others) {
                if (!(entry instanceof Map<?, ?> map)) {
                    LOG.warn("Ignored an entry of other_tokens that is not a JSON object");
                    continue;
                }
                JSONObject json = new JSONObject();
                map.forEach((k, v) -> json.put(String.valueOf(k), v));
                if (!(json.get("resource_server") instanceof String rs)) {
                    LOG.warn("Ignored an entry of other_tokens without resource_server");
                    continue;
                }
                try {
                    add(out, rs, Tokens.parse(json), now);
                } catch (ParseException e) {
                    // Nimbus names the member, never its value
                    LOG.warn("Ignored the other_tokens entry for {}: {}", rs, e.getMessage());
                }
            }
        }
        return List.copyOf(out);
    }

    /** A token of a refresh (or any token) response, for {@code resourceServer}. */
    static ReceivedToken of(String resourceServer, Tokens tokens, Instant now) {
        AccessToken access = tokens.getAccessToken();
        RefreshToken refresh = tokens.getRefreshToken();
        Scope scope = access.getScope();
        Set<String> scopes = new LinkedHashSet<>(scope == null ? List.of() : scope.toStringList());
        return new ReceivedToken(resourceServer, access.getValue(), refresh == null ? null : refresh.getValue(),
                access.getLifetime() > 0 ? now.plusSeconds(access.getLifetime()) : null, scopes);
    }

    private static void add(List<ReceivedToken> out, String rs, Tokens tokens, Instant now) {
        if (rs.isBlank() || rs.equals(SIGN_IN_RESOURCE_SERVER)
                || out.stream().anyMatch(t -> t.resourceServer().equals(rs))) {
            return;
        }
        out.add(of(rs, tokens, now));
    }

    @Override
    public String toString() {
        return "ReceivedToken[" + resourceServer + ", expiresAt=" + expiresAt + ", scopes=" + scopes + ", ***]";
    }
}
