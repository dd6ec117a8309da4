package org.sregistry.globus.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What goes into a Globus authorize URL: scopes, PKCE challenge, redirect URI (null = the auth root's
 * {@code v2/web/auth-code} page, which shows the code to paste), {@code state}, {@code access_type} and any extra
 * parameters (session_* requirements, {@code prompt}, {@code prefill_named_grant}).
 */
public final class AuthorizeRequest {

    private final List<String> scopes;
    private final Pkce pkce;
    private final URI redirectUri;
    private final String state;
    private final String accessType;
    private final Map<String, String> extraParams;

    private AuthorizeRequest(Builder b) {
        this.scopes = List.copyOf(b.scopes);
        this.pkce = Objects.requireNonNull(b.pkce, "pkce");
        this.redirectUri = b.redirectUri;
        this.state = b.state;
        this.accessType = b.accessType;
        this.extraParams = Map.copyOf(b.extraParams);
    }

    /** A builder for the given PKCE pair with the registry's default login scopes. */
    public static Builder builder(Pkce pkce) {
        return new Builder(pkce);
    }

    public List<String> scopes() {
        return scopes;
    }

    public Pkce pkce() {
        return pkce;
    }

    /** The explicit redirect URI, or null for the default auth-code page. */
    public URI redirectUri() {
        return redirectUri;
    }

    public String state() {
        return state;
    }

    public String accessType() {
        return accessType;
    }

    public Map<String, String> extraParams() {
        return extraParams;
    }

    /** Builder for {@link AuthorizeRequest}. */
    public static final class Builder {
        private final List<String> scopes = new ArrayList<>(GlobusScopes.DEFAULT_LOGIN);
        private final Pkce pkce;
        private URI redirectUri;
        private String state = "_default";
        private String accessType = "offline";
        private final Map<String, String> extraParams = new LinkedHashMap<>();

        private Builder(Pkce pkce) {
            this.pkce = pkce;
        }

        /** Replaces the scopes. */
        public Builder scopes(List<String> scopes) {
            this.scopes.clear();
            this.scopes.addAll(scopes);
            return this;
        }

        /**
         * Adds the scopes a ConsentRequired error asked for (e.g. {@code transfer:all[*.../data_access]}); a required
         * scope replaces a plain scope it extends, so {@code transfer:all} is not asked twice.
         */
        public Builder requiredScopes(List<String> required) {
            for (String scope : required) {
                int bracket = scope.indexOf('[');
                String base = bracket < 0 ? scope : scope.substring(0, bracket);
                scopes.removeIf(s -> s.equals(base));
                if (!scopes.contains(scope)) {
                    scopes.add(scope);
                }
            }
            return this;
        }

        /** Applies an error's {@code authorization_parameters}: session requirements and required scopes. */
        public Builder authorizationParameters(AuthorizationParameters params) {
            if (params != null) {
                extraParams.putAll(params.toQueryParams());
                requiredScopes(params.requiredScopes());
            }
            return this;
        }

        public Builder redirectUri(URI uri) {
            this.redirectUri = uri;
            return this;
        }

        public Builder state(String state) {
            this.state = Objects.requireNonNull(state);
            return this;
        }

        /** {@code offline} (default: also issue refresh tokens) or {@code online}. */
        public Builder accessType(String accessType) {
            this.accessType = Objects.requireNonNull(accessType);
            return this;
        }

        /** Label pre-filled on the consent page. */
        public Builder prefillNamedGrant(String label) {
            return param("prefill_named_grant", label);
        }

        /** Any other query parameter (session_required_identities, session_message, prompt, ...). */
        public Builder param(String name, String value) {
            if (value != null) {
                extraParams.put(name, value);
            }
            return this;
        }

        public AuthorizeRequest build() {
            return new AuthorizeRequest(this);
        }
    }
}
