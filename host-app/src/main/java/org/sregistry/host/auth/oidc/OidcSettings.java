package org.sregistry.host.auth.oidc;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sregistry.api.ConfigOption;

/**
 * The OIDC configuration, parsed once from the layered configuration. {@link #toString()} hides the secret.
 *
 * @param issuer         the provider's issuer, exactly as its discovery document and id_tokens spell it
 * @param clientId       the registry's client id
 * @param clientSecret   the client secret (never logged)
 * @param scopes         the scopes of the authorization request (include {@code openid})
 * @param redirectUri    the redirect URI registered at the provider
 * @param label          the sign-in button's text
 * @param createUsers    whether a first sign-in creates an account
 * @param allowedIdps    admitted identity_provider UUIDs (lower case); empty = all
 * @param allowedDomains admitted domains of preferred_username (lower case); empty = all
 * @param groupsClaim    the claim carrying groups, or null
 * @param adminGroups    groups whose members are administrators
 */
public record OidcSettings(String issuer, String clientId, String clientSecret, List<String> scopes, URI redirectUri,
                           String label, boolean createUsers, Set<String> allowedIdps, Set<String> allowedDomains,
                           String groupsClaim, Set<String> adminGroups) {

    public OidcSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
        scopes = List.copyOf(scopes);
        allowedIdps = Set.copyOf(allowedIdps);
        allowedDomains = Set.copyOf(allowedDomains);
        adminGroups = Set.copyOf(adminGroups);
    }

    /**
     * Reads the settings; empty when no client id is set (OIDC off).
     *
     * @param lookup          the configuration, e.g. {@code LayeredConfig::find} (blank = unset; defaults applied here
     *                        too, so a lookup without declared defaults works)
     * @param defaultRedirect {@code <public-url>/login/oidc/callback}, used when no redirect URI is configured
     * @throws IllegalArgumentException naming the key, when a value is invalid or the secret is missing
     */
    public static Optional<OidcSettings> from(Function<String, Optional<String>> lookup, URI defaultRedirect) {
        Function<String, Optional<String>> get = k -> lookup.apply(k).map(String::trim).filter(v -> !v.isEmpty());
        Optional<String> clientId = get.apply(OidcOptions.CLIENT_ID);
        if (clientId.isEmpty()) {
            return Optional.empty();
        }
        for (ConfigOption option : OidcOptions.all()) {
            Optional<String> value = get.apply(option.key());
            if (value.isPresent() && option.validator() != null) {
                Optional<String> problem = option.validator().check(value.get());
                if (problem.isPresent()) {
                    throw new IllegalArgumentException(option.key() + ": " + problem.get());
                }
            }
        }
        String secret = lookup.apply(OidcOptions.CLIENT_SECRET).filter(v -> !v.isEmpty()).orElseThrow(() ->
                new IllegalArgumentException(OidcOptions.CLIENT_SECRET + ": required when " + OidcOptions.CLIENT_ID
                        + " is set (the provider's secret for that client)"));
        // used exactly as written: the id_token's iss must equal it character for character
        String issuer = get.apply(OidcOptions.ISSUER).orElse(OidcOptions.DEFAULT_ISSUER);
        URI redirect = get.apply(OidcOptions.REDIRECT_URI).map(URI::create)
                .orElseGet(() -> Objects.requireNonNull(defaultRedirect, "defaultRedirect"));
        String groupsClaim = get.apply(OidcOptions.GROUPS_CLAIM).orElse(null);
        return Optional.of(new OidcSettings(issuer, clientId.get(), secret,
                OidcOptions.words(get.apply(OidcOptions.SCOPES).orElse(OidcOptions.DEFAULT_SCOPES)), redirect,
                get.apply(OidcOptions.LABEL).orElse(OidcOptions.DEFAULT_LABEL),
                get.apply(OidcOptions.CREATE_USERS).map(org.sregistry.host.config.OptionTypes::parseBoolean).orElse(true),
                lowerSet(get.apply(OidcOptions.ALLOWED_IDPS)), lowerSet(get.apply(OidcOptions.ALLOWED_DOMAINS)),
                groupsClaim, Set.copyOf(OidcOptions.list(get.apply(OidcOptions.ADMIN_GROUPS).orElse(null)))));
    }

    private static Set<String> lowerSet(Optional<String> value) {
        return OidcOptions.list(value.orElse(null)).stream().map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***, scopes=" + scopes
                + ", redirectUri=" + redirectUri + ", label=" + label + ", createUsers=" + createUsers
                + ", allowedIdps=" + allowedIdps + ", allowedDomains=" + allowedDomains + ", groupsClaim=" + groupsClaim
                + ", adminGroups=" + adminGroups + "]";
    }
}
