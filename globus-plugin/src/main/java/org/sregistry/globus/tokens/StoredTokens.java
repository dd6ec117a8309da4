package org.sregistry.globus.tokens;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TokenSet;
import org.sregistry.globus.client.UserInfo;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The content of the token file: the login's tokens keyed by resource server, extra consent tokens keyed by their
 * scope string (transfer tokens carrying collection {@code data_access} consents, kept beside the main ones), the
 * identity if known, the Auth and Transfer roots the tokens were issued for, and when it was last written.
 * Immutable; {@code with...} methods return changed copies.
 * <pre>{"version":1,"identity":{...},"auth_root":"https://auth.globus.org/",
 *  "transfer_root":"https://transfer.api.globus.org/","tokens":{"transfer.api.globus.org":{...}},
 *  "consent_tokens":{"urn:...:all[*https://auth.globus.org/scopes/ID/data_access]":{...}},"updated_at":"..."}</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoredTokens(int version, UserInfo identity, String authRoot, String transferRoot,
                           Map<String, ResourceToken> tokens, Map<String, ResourceToken> consentTokens,
                           Instant updatedAt) {

    /** File format version. */
    public static final int VERSION = 1;

    public StoredTokens {
        tokens = Collections.unmodifiableMap(new LinkedHashMap<>(tokens == null ? Map.of() : tokens));
        consentTokens = Collections.unmodifiableMap(new LinkedHashMap<>(consentTokens == null ? Map.of() : consentTokens));
    }

    /** Nothing stored. */
    public static StoredTokens empty() {
        return new StoredTokens(VERSION, null, null, null, Map.of(), Map.of(), null);
    }

    /**
     * The roots these tokens were issued for. A file written before roots were recorded holds tokens of production
     * Globus (the only service older versions were used with outside tests), so that is what it belongs to.
     */
    public ServiceRoots roots() {
        if (authRoot == null || transferRoot == null) {
            return ServiceRoots.PRODUCTION;
        }
        return new ServiceRoots(URI.create(authRoot), URI.create(transferRoot));
    }

    /** True when these tokens may be sent to the services at {@code current}. */
    public boolean belongsTo(ServiceRoots current) {
        try {
            return roots().equals(current);
        } catch (IllegalArgumentException e) {
            return false; // an unparsable recorded root matches nothing
        }
    }

    /** True when tokens are stored (login or consent) but were issued for other roots than {@code current}. */
    public boolean belongsElsewhere(ServiceRoots current) {
        return !(tokens.isEmpty() && consentTokens.isEmpty()) && !belongsTo(current);
    }

    /** True when no login tokens are stored. */
    public boolean hasNoTokens() {
        return tokens.isEmpty();
    }

    /** The login token of a resource server. */
    public Optional<ResourceToken> token(String resourceServer) {
        return Optional.ofNullable(tokens.get(resourceServer));
    }

    /** The transfer token whose scope carries {@code data_access} consent for the collection, if any. */
    public Optional<ResourceToken> consentTokenFor(String collectionId) {
        String needle = GlobusScopes.dataAccess(collectionId);
        return consentTokens.entrySet().stream()
                .filter(e -> e.getKey().contains(needle))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** A copy with one login token added or replaced. */
    public StoredTokens withToken(ResourceToken token) {
        Map<String, ResourceToken> copy = new LinkedHashMap<>(tokens);
        copy.put(token.resourceServer(), token);
        return new StoredTokens(VERSION, identity, authRoot, transferRoot, copy, consentTokens, updatedAt);
    }

    /**
     * A copy holding a new login's tokens made against {@code roots} (replacing all old login tokens) and identity.
     * Consent tokens are kept when they belong to the same roots, dropped otherwise (another service issued them).
     */
    public StoredTokens withLogin(TokenSet login, UserInfo who, ServiceRoots roots) {
        StoredTokens base = belongsTo(roots) ? this : empty();
        return new StoredTokens(VERSION, who != null ? who : base.identity, roots.auth().toString(),
                roots.transfer().toString(), login.byResourceServer(), base.consentTokens, updatedAt);
    }

    /**
     * A copy with a consent token obtained from {@code roots}; tokens of other roots are dropped first (they could
     * not be used with the consent token's service anyway).
     */
    public StoredTokens withConsent(String scopeKey, ResourceToken token, ServiceRoots roots) {
        StoredTokens base = belongsTo(roots) ? this : empty();
        return new StoredTokens(VERSION, base.identity, roots.auth().toString(), roots.transfer().toString(),
                base.tokens, base.consentTokens, updatedAt).withConsentToken(scopeKey, token);
    }

    /** A copy with a consent token stored under {@code scopeKey} (added or replaced). */
    public StoredTokens withConsentToken(String scopeKey, ResourceToken token) {
        Map<String, ResourceToken> copy = new LinkedHashMap<>(consentTokens);
        copy.put(scopeKey, token);
        return new StoredTokens(VERSION, identity, authRoot, transferRoot, tokens, copy, updatedAt);
    }

    /** A copy with the identity set. */
    public StoredTokens withIdentity(UserInfo who) {
        return new StoredTokens(VERSION, who, authRoot, transferRoot, tokens, consentTokens, updatedAt);
    }

    StoredTokens stamped(Instant when) {
        return new StoredTokens(VERSION, identity, authRoot, transferRoot, tokens, consentTokens, when);
    }
}
