package org.sregistry.host.auth.oidc;

import java.util.Locale;
import java.util.Optional;

/** The allow-lists and admin groups of {@link OidcSettings}, applied to an {@link OidcIdentity}. */
public final class OidcAdmission {
    private OidcAdmission() {
    }

    /** Why this identity may not sign in here (user-facing), or empty when the allow-lists admit it. */
    public static Optional<String> refusal(OidcIdentity who, OidcSettings settings) {
        if (!settings.allowedIdps().isEmpty()) {
            String idp = who.identityProvider();
            if (idp == null) {
                return Optional.of("this sign-in does not say which identity provider was used, and this registry"
                        + " only admits some");
            }
            if (!settings.allowedIdps().contains(idp.toLowerCase(Locale.ROOT))) {
                String shown = who.identityProviderName() == null ? idp : who.identityProviderName() + " (" + idp + ")";
                return Optional.of("identity provider " + shown + " is not allowed here");
            }
        }
        if (!settings.allowedDomains().isEmpty()) {
            String user = who.preferredUsername();
            int at = user == null ? -1 : user.lastIndexOf('@');
            if (at < 0 || at == user.length() - 1) {
                return Optional.of("this sign-in carries no user@domain username, and this registry only admits"
                        + " some domains");
            }
            String domain = user.substring(at + 1).toLowerCase(Locale.ROOT);
            if (!settings.allowedDomains().contains(domain)) {
                return Optional.of("accounts from " + domain + " are not allowed here");
            }
        }
        return Optional.empty();
    }

    /** True when one of the identity's groups is an admin group (exact, case-sensitive: group names are ids). */
    public static boolean admin(OidcIdentity who, OidcSettings settings) {
        return who.groups().stream().anyMatch(settings.adminGroups()::contains);
    }
}
