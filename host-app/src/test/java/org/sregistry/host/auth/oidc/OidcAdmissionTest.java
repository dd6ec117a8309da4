package org.sregistry.host.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OidcAdmissionTest {
    static final String UCHICAGO = "41143743-f3c8-4d60-bbdb-eeecaba85bd9";
    static final String GOOGLE = "b6a5e7a5-4b4c-4b5e-9f11-2c1d0e0e0e0e";

    static OidcSettings settings(String idps, String domains, String admins) {
        Map<String, String> cfg = new HashMap<>(Map.of(OidcOptions.CLIENT_ID, "c", OidcOptions.CLIENT_SECRET, "s",
                OidcOptions.GROUPS_CLAIM, "groups"));
        if (idps != null) {
            cfg.put(OidcOptions.ALLOWED_IDPS, idps);
        }
        if (domains != null) {
            cfg.put(OidcOptions.ALLOWED_DOMAINS, domains);
        }
        if (admins != null) {
            cfg.put(OidcOptions.ADMIN_GROUPS, admins);
        }
        return OidcSettings.from(k -> Optional.ofNullable(cfg.get(k)), URI.create("https://r/cb")).orElseThrow();
    }

    static OidcIdentity who(String username, String idp, String idpName, List<String> groups) {
        return new OidcIdentity("https://auth.globus.org", "sub-1", username, "Alice", username, idp, idpName,
                List.of("sub-1"), groups);
    }

    @Test
    void noListsAdmitEveryone() {
        assertThat(OidcAdmission.refusal(who(null, null, null, List.of()), settings(null, null, null))).isEmpty();
    }

    @Test
    void identityProviderAllowList() {
        OidcSettings s = settings(UCHICAGO.toUpperCase(), null, null);
        assertThat(OidcAdmission.refusal(who("alice@uchicago.edu", UCHICAGO, "University of Chicago", List.of()), s))
                .isEmpty();
        assertThat(OidcAdmission.refusal(who("alice@gmail.com", GOOGLE, "Google", List.of()), s))
                .contains("identity provider Google (" + GOOGLE + ") is not allowed here");
        assertThat(OidcAdmission.refusal(who("alice@gmail.com", GOOGLE, null, List.of()), s))
                .contains("identity provider " + GOOGLE + " is not allowed here");
        assertThat(OidcAdmission.refusal(who("alice@gmail.com", null, null, List.of()), s))
                .contains("this sign-in does not say which identity provider was used, and this registry only"
                        + " admits some");
    }

    @Test
    void domainAllowListMatchesThePartAfterTheAtExactly() {
        OidcSettings s = settings(null, "uchicago.edu,anl.gov", null);
        assertThat(OidcAdmission.refusal(who("Alice@UChicago.edu", UCHICAGO, null, List.of()), s)).isEmpty();
        assertThat(OidcAdmission.refusal(who("bob@anl.gov", UCHICAGO, null, List.of()), s)).isEmpty();
        assertThat(OidcAdmission.refusal(who("eve@cs.uchicago.edu", UCHICAGO, null, List.of()), s))
                .contains("accounts from cs.uchicago.edu are not allowed here");
        assertThat(OidcAdmission.refusal(who("eve@uchicago.edu.evil.org", UCHICAGO, null, List.of()), s))
                .contains("accounts from uchicago.edu.evil.org are not allowed here");
        assertThat(OidcAdmission.refusal(who("eve", UCHICAGO, null, List.of()), s))
                .contains("this sign-in carries no user@domain username, and this registry only admits some domains");
        assertThat(OidcAdmission.refusal(who(null, UCHICAGO, null, List.of()), s))
                .contains("this sign-in carries no user@domain username, and this registry only admits some domains");
    }

    @Test
    void adminFromAdminGroups() {
        OidcSettings s = settings(null, null, "registry-admins");
        assertThat(OidcAdmission.admin(who("a@x.org", null, null, List.of("users", "registry-admins")), s)).isTrue();
        assertThat(OidcAdmission.admin(who("a@x.org", null, null, List.of("Registry-Admins")), s)).isFalse();
        assertThat(OidcAdmission.admin(who("a@x.org", null, null, List.of()), s)).isFalse();
        assertThat(OidcAdmission.admin(who("a@x.org", null, null, List.of("registry-admins")),
                settings(null, null, null))).isFalse();
    }

    @Test
    void groupsClaimIsAListOrASpaceOrCommaSeparatedString() {
        assertThat(OidcIdentity.groups(List.of("a", " b ", "a", ""))).containsExactly("a", "b");
        assertThat(OidcIdentity.groups("a b,c ,, d")).containsExactly("a", "b", "c", "d");
        assertThat(OidcIdentity.groups(null)).isEmpty();
        assertThat(OidcIdentity.groups(42)).isEmpty();
    }
}
