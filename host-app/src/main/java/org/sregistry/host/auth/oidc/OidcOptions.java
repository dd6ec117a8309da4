package org.sregistry.host.auth.oidc;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.sregistry.api.ConfigOption;
import org.sregistry.host.http.LoopbackHosts;

/** The "Sign in with OpenID Connect" options (Globus Auth by default); OIDC is off unless a client id is set. */
public final class OidcOptions {
    /** The provider's issuer; its discovery document is {@code <issuer>/.well-known/openid-configuration}. */
    public static final String ISSUER = "REGISTRY_OIDC_ISSUER";
    /** The registry's client id at the provider; empty = OIDC sign-in off. */
    public static final String CLIENT_ID = "REGISTRY_OIDC_CLIENT_ID";
    /** The client secret (sent with HTTP Basic to the token endpoint). */
    public static final String CLIENT_SECRET = "REGISTRY_OIDC_CLIENT_SECRET";
    /** Space-separated scopes of the authorization request. */
    public static final String SCOPES = "REGISTRY_OIDC_SCOPES";
    /** The registered redirect URI; empty = {@code <public-url>/login/oidc/callback}. */
    public static final String REDIRECT_URI = "REGISTRY_OIDC_REDIRECT_URI";
    /** Text of the sign-in button. */
    public static final String LABEL = "REGISTRY_OIDC_LABEL";
    /** Whether a first sign-in creates an account. */
    public static final String CREATE_USERS = "REGISTRY_OIDC_CREATE_USERS";
    /** Comma-separated identity_provider UUIDs admitted; empty = all. */
    public static final String ALLOWED_IDPS = "REGISTRY_OIDC_ALLOWED_IDPS";
    /** Comma-separated domains (after the {@code @} of preferred_username) admitted; empty = all. */
    public static final String ALLOWED_DOMAINS = "REGISTRY_OIDC_ALLOWED_DOMAINS";
    /** The id_token claim listing the user's groups (e.g. {@code groups}); empty = none. */
    public static final String GROUPS_CLAIM = "REGISTRY_OIDC_GROUPS_CLAIM";
    /** Comma-separated groups whose members are administrators. */
    public static final String ADMIN_GROUPS = "REGISTRY_OIDC_ADMIN_GROUPS";

    /** Default of {@link #ISSUER}. */
    public static final String DEFAULT_ISSUER = "https://auth.globus.org";
    /** Default of {@link #SCOPES}. */
    public static final String DEFAULT_SCOPES = "openid profile email";
    /** Default of {@link #LABEL}. */
    public static final String DEFAULT_LABEL = "Sign in with Globus";

    private OidcOptions() {
    }

    /** The options, for {@code LayeredConfig.declare} and {@code /settings}. */
    public static List<ConfigOption> all() {
        return List.of(
                ConfigOption.builder(ISSUER, ConfigOption.Type.STRING)
                        .defaultValue(DEFAULT_ISSUER)
                        .description("The OpenID Connect provider's issuer URL (its discovery document is"
                                + " <issuer>/.well-known/openid-configuration); default Globus Auth.")
                        .validator(OidcOptions::checkIssuer)
                        .build(),
                ConfigOption.builder(CLIENT_ID, ConfigOption.Type.STRING)
                        .description("The registry's client id at the provider (for Globus: register a confidential"
                                + " app at app.globus.org). Empty = no OIDC sign-in.")
                        .validator(OidcOptions::checkClientId)
                        .build(),
                ConfigOption.builder(CLIENT_SECRET, ConfigOption.Type.STRING).secret()
                        .description("The client secret; needed when the client id is set.")
                        .build(),
                ConfigOption.builder(SCOPES, ConfigOption.Type.STRING)
                        .defaultValue(DEFAULT_SCOPES)
                        .description("Space-separated scopes to ask for; must include openid.")
                        .validator(OidcOptions::checkScopes)
                        .build(),
                ConfigOption.builder(REDIRECT_URI, ConfigOption.Type.STRING)
                        .description("The redirect URI registered at the provider; empty = <public-url>/login/oidc/callback.")
                        .validator(OidcOptions::checkRedirectUri)
                        .build(),
                ConfigOption.builder(LABEL, ConfigOption.Type.STRING)
                        .defaultValue(DEFAULT_LABEL)
                        .description("Text of the sign-in button on /login.")
                        .build(),
                ConfigOption.builder(CREATE_USERS, ConfigOption.Type.BOOLEAN)
                        .defaultValue("true")
                        .description("Create an account at a first OIDC sign-in (false = only accounts an administrator"
                                + " created or linked may sign in).")
                        .build(),
                ConfigOption.builder(ALLOWED_IDPS, ConfigOption.Type.STRING)
                        .description("Comma-separated identity provider UUIDs (the id_token's identity_provider) allowed"
                                + " to sign in; empty = all.")
                        .validator(OidcOptions::checkUuids)
                        .build(),
                ConfigOption.builder(ALLOWED_DOMAINS, ConfigOption.Type.STRING)
                        .description("Comma-separated domains allowed to sign in, matched exactly against the part"
                                + " after @ of preferred_username (e.g. uchicago.edu); empty = all.")
                        .validator(OidcOptions::checkDomains)
                        .build(),
                ConfigOption.builder(GROUPS_CLAIM, ConfigOption.Type.STRING)
                        .description("The id_token claim listing the user's groups (e.g. groups for Keycloak; Globus"
                                + " id_tokens carry none); empty = no groups.")
                        .validator(OidcOptions::checkClaimName)
                        .build(),
                ConfigOption.builder(ADMIN_GROUPS, ConfigOption.Type.STRING)
                        .description("Comma-separated groups (from the groups claim) whose members are administrators.")
                        .build());
    }

    /** An absolute https URL (http only for loopback, as in tests), no query or fragment. */
    static Optional<String> checkIssuer(String value) {
        String v = value.trim();
        URI uri;
        try {
            uri = new URI(v);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("expected a URL such as " + DEFAULT_ISSUER);
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("expected a URL such as " + DEFAULT_ISSUER + " (no query or fragment)");
        }
        if ("https".equals(uri.getScheme())) {
            return Optional.empty();
        }
        if ("http".equals(uri.getScheme()) && LoopbackHosts.isLoopback(uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of("expected an https:// URL (http:// only for localhost), such as " + DEFAULT_ISSUER);
    }

    /** Anything printable without spaces: providers differ (Globus uses UUIDs, Keycloak names). */
    static Optional<String> checkClientId(String value) {
        String v = value.trim();
        return v.isEmpty() || v.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? Optional.empty()
                : Optional.of("expected the client id the provider gave (no spaces), e.g. a UUID for Globus");
    }

    static Optional<String> checkScopes(String value) {
        List<String> scopes = words(value);
        return scopes.contains("openid") ? Optional.empty()
                : Optional.of("expected space-separated scopes including openid, e.g. " + DEFAULT_SCOPES);
    }

    static Optional<String> checkRedirectUri(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(v);
            if (uri.isAbsolute() && uri.getHost() != null && uri.getRawFragment() == null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return Optional.empty();
            }
        } catch (java.net.URISyntaxException e) {
            // falls through to the message
        }
        return Optional.of("expected an absolute URL such as https://registry.example.org/login/oidc/callback,"
                + " exactly as registered at the provider");
    }

    static Optional<String> checkUuids(String value) {
        for (String id : list(value)) {
            try {
                if (id.length() == 36) {
                    UUID.fromString(id);
                    continue;
                }
            } catch (IllegalArgumentException e) {
                // falls through to the message
            }
            return Optional.of("'" + id + "' is not a UUID; expected comma-separated identity provider UUIDs such as"
                    + " 3a42f43c-1744-40dc-9b16-753d8e1589fa");
        }
        return Optional.empty();
    }

    static Optional<String> checkDomains(String value) {
        for (String d : list(value)) {
            if (!d.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
                return Optional.of("'" + d + "' is not a domain; expected comma-separated domains such as"
                        + " uchicago.edu,anl.gov (no @)");
            }
        }
        return Optional.empty();
    }

    static Optional<String> checkClaimName(String value) {
        String v = value.trim();
        return v.isEmpty() || v.matches("[A-Za-z0-9_.:/-]+") ? Optional.empty()
                : Optional.of("expected one claim name such as groups");
    }

    /** Comma-separated, trimmed, empties dropped. */
    static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Space-separated, empties dropped. */
    static List<String> words(String value) {
        if (value == null) {
            return List.of();
        }
        return java.util.Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
