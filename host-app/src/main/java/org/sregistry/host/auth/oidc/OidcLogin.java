package org.sregistry.host.auth.oidc;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.sregistry.host.config.ConfigException;
import org.sregistry.host.secrets.Keyring;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.db.Database;

/**
 * What the registry needs for "Sign in with OpenID Connect", made once at start: the settings, the provider (its
 * metadata resolved lazily), the flow, the pending sign-ins, the account matching and the tokens sign-ins received
 * for other services (the plugins' {@link org.sregistry.api.SignInGrants}). Closed with the server: that ends the
 * grants' background revocation ({@link OidcSignInGrants#close}).
 */
public record OidcLogin(OidcSettings settings, OidcProvider provider, OidcFlow flow, OidcPendingStore pending,
                        OidcAccounts accounts, OidcSignInGrants grants) implements AutoCloseable {

    /**
     * The settings, or empty when OIDC sign-in is off (no client id).
     *
     * @param defaultRedirect {@code <public-url>/login/oidc/callback}
     * @throws ConfigException naming the key, when a value is invalid or the secret is missing: the start is refused
     */
    public static Optional<OidcSettings> settings(Function<String, Optional<String>> lookup, URI defaultRedirect) {
        try {
            return OidcSettings.from(lookup, defaultRedirect);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid" : e.getMessage();
            int colon = message.indexOf(':');
            String key = colon > 0 ? message.substring(0, colon) : OidcOptions.CLIENT_ID;
            throw new ConfigException(key, message);
        }
    }

    /** Everything for these settings on this database; {@code keyring} seals the kept tokens. */
    public static OidcLogin open(OidcSettings settings, Database database, UserStore users, Keyring keyring,
                                 Clock clock) {
        OidcProvider provider = new OidcProvider(settings);
        OidcSignInGrants grants = new OidcSignInGrants(new OidcGrants(database, keyring, clock),
                new OidcTokenClient(provider, clock), settings.issuer(), users);
        return new OidcLogin(settings, provider, new OidcFlow(provider), new OidcPendingStore(database, clock),
                new OidcAccounts(database, users, settings, clock), grants);
    }

    @Override
    public void close() {
        grants.close();
    }

    @Override
    public String toString() {
        return "OidcLogin[" + settings.issuer() + "]";
    }
}
