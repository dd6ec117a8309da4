package org.sregistry.host.auth.oidc;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who signed in, from a validated id_token. Accounts are matched on {@code (issuer, subject)}, never on e-mail.
 *
 * @param issuer                the issuer ({@code iss})
 * @param subject               the stable subject ({@code sub}; a Globus identity UUID)
 * @param preferredUsername     e.g. {@code alice@uchicago.edu}, or null
 * @param name                  display name, or null
 * @param email                 e-mail as the provider reports it (unverified for matching purposes), or null
 * @param identityProvider      Globus's {@code identity_provider} UUID, or null
 * @param identityProviderName  Globus's {@code identity_provider_display_name}, or null
 * @param linkedSubjects        {@code identity_set[].sub}: the identities linked to this one (Globus lists this one
 *                              too); empty when the provider sends no identity_set
 * @param groups                from the configured groups claim; empty without one
 */
public record OidcIdentity(String issuer, String subject, String preferredUsername, String name, String email,
                           String identityProvider, String identityProviderName, List<String> linkedSubjects,
                           List<String> groups) {

    public OidcIdentity {
        linkedSubjects = List.copyOf(linkedSubjects);
        groups = List.copyOf(groups);
    }

    /** Maps the claims; {@code groupsClaim} may be null. */
    static OidcIdentity from(IDTokenClaimsSet claims, String groupsClaim) {
        return new OidcIdentity(claims.getIssuer().getValue(), claims.getSubject().getValue(),
                string(claims, "preferred_username"), string(claims, "name"), string(claims, "email"),
                string(claims, "identity_provider"), string(claims, "identity_provider_display_name"),
                linkedSubjects(claims.getClaim("identity_set")),
                groupsClaim == null ? List.of() : groups(claims.getClaim(groupsClaim)));
    }

    // a claim of an unexpected type is treated as absent rather than failing the sign-in
    private static String string(IDTokenClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    private static List<String> linkedSubjects(Object identitySet) {
        Set<String> subs = new LinkedHashSet<>();
        if (identitySet instanceof Collection<?> entries) {
            for (Object e : entries) {
                if (e instanceof Map<?, ?> m && m.get("sub") instanceof String s && !s.isBlank()) {
                    subs.add(s);
                }
            }
        }
        return List.copyOf(subs);
    }

    /** A JSON list of names, or one string separated by spaces or commas (providers differ). */
    static List<String> groups(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null && !o.toString().isBlank()) {
                    out.add(o.toString().trim());
                }
            }
        } else if (claim instanceof String s) {
            for (String g : s.split("[,\\s]+")) {
                if (!g.isEmpty()) {
                    out.add(g);
                }
            }
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }
}
