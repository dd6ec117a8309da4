package org.sregistry.host.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sregistry.api.ConfigOption;

class OidcSettingsTest {
    static final URI DEFAULT_REDIRECT = URI.create("https://registry.example.org/login/oidc/callback");

    static Optional<OidcSettings> parse(Map<String, String> cfg) {
        return OidcSettings.from(k -> Optional.ofNullable(cfg.get(k)), DEFAULT_REDIRECT);
    }

    @Test
    void offWithoutAClientId() {
        assertThat(parse(Map.of())).isEmpty();
        assertThat(parse(Map.of(OidcOptions.CLIENT_ID, "  ", OidcOptions.CLIENT_SECRET, "x"))).isEmpty();
    }

    @Test
    void defaultsAreGlobus() {
        OidcSettings s = parse(Map.of(OidcOptions.CLIENT_ID, "abc", OidcOptions.CLIENT_SECRET, "shh")).orElseThrow();
        assertThat(s.issuer()).isEqualTo("https://auth.globus.org");
        assertThat(s.scopes()).containsExactly("openid", "profile", "email");
        assertThat(s.redirectUri()).isEqualTo(DEFAULT_REDIRECT);
        assertThat(s.label()).isEqualTo("Sign in with Globus");
        assertThat(s.createUsers()).isTrue();
        assertThat(s.allowedIdps()).isEmpty();
        assertThat(s.allowedDomains()).isEmpty();
        assertThat(s.groupsClaim()).isNull();
        assertThat(s.adminGroups()).isEmpty();
        assertThat(s.toString()).doesNotContain("shh").contains("clientSecret=***");
    }

    @Test
    void everyKeyIsRead() {
        Map<String, String> cfg = new HashMap<>();
        cfg.put(OidcOptions.ISSUER, "https://sso.example.org/realms/hpc");
        cfg.put(OidcOptions.CLIENT_ID, "registry");
        cfg.put(OidcOptions.CLIENT_SECRET, "shh");
        cfg.put(OidcOptions.SCOPES, "openid  email");
        cfg.put(OidcOptions.REDIRECT_URI, "https://r.example.org/cb");
        cfg.put(OidcOptions.LABEL, "Sign in with HPC SSO");
        cfg.put(OidcOptions.CREATE_USERS, "false");
        cfg.put(OidcOptions.ALLOWED_IDPS, "41143743-F3C8-4d60-bbdb-eeecaba85bd9, ");
        cfg.put(OidcOptions.ALLOWED_DOMAINS, "UChicago.edu,anl.gov");
        cfg.put(OidcOptions.GROUPS_CLAIM, "groups");
        cfg.put(OidcOptions.ADMIN_GROUPS, "registry-admins, hpc-staff");
        OidcSettings s = parse(cfg).orElseThrow();
        assertThat(s.issuer()).isEqualTo("https://sso.example.org/realms/hpc");
        assertThat(s.scopes()).containsExactly("openid", "email");
        assertThat(s.redirectUri()).isEqualTo(URI.create("https://r.example.org/cb"));
        assertThat(s.label()).isEqualTo("Sign in with HPC SSO");
        assertThat(s.createUsers()).isFalse();
        assertThat(s.allowedIdps()).containsExactly("41143743-f3c8-4d60-bbdb-eeecaba85bd9");
        assertThat(s.allowedDomains()).containsExactlyInAnyOrder("uchicago.edu", "anl.gov");
        assertThat(s.groupsClaim()).isEqualTo("groups");
        assertThat(s.adminGroups()).isEqualTo(Set.of("registry-admins", "hpc-staff"));
    }

    @Test
    void aClientIdWithoutSecretOrABadValueIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> parse(Map.of(OidcOptions.CLIENT_ID, "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("REGISTRY_OIDC_CLIENT_SECRET: required when REGISTRY_OIDC_CLIENT_ID is set"
                        + " (the provider's secret for that client)");
        assertThatThrownBy(() -> parse(Map.of(OidcOptions.CLIENT_ID, "abc", OidcOptions.CLIENT_SECRET, "x",
                OidcOptions.SCOPES, "profile email")))
                .hasMessage("REGISTRY_OIDC_SCOPES: expected space-separated scopes including openid,"
                        + " e.g. openid profile email");
    }

    @Test
    void validatorsSayWhatIsExpected() {
        Map<String, ConfigOption> options = new HashMap<>();
        OidcOptions.all().forEach(o -> options.put(o.key(), o));
        assertThat(options.keySet()).containsExactlyInAnyOrder(OidcOptions.ISSUER, OidcOptions.CLIENT_ID,
                OidcOptions.CLIENT_SECRET, OidcOptions.SCOPES, OidcOptions.REDIRECT_URI, OidcOptions.LABEL,
                OidcOptions.CREATE_USERS, OidcOptions.ALLOWED_IDPS, OidcOptions.ALLOWED_DOMAINS,
                OidcOptions.GROUPS_CLAIM, OidcOptions.ADMIN_GROUPS);
        assertThat(options.get(OidcOptions.CLIENT_SECRET).secret()).isTrue();
        assertThat(options.get(OidcOptions.CREATE_USERS).type()).isEqualTo(ConfigOption.Type.BOOLEAN);
        assertThat(options.get(OidcOptions.CREATE_USERS).defaultValue()).isEqualTo("true");

        assertThat(check(OidcOptions.ISSUER, "https://auth.globus.org")).isEmpty();
        assertThat(check(OidcOptions.ISSUER, "http://127.0.0.1:8080/auth")).isEmpty();
        assertThat(check(OidcOptions.ISSUER, "http://auth.example.org")).contains(
                "expected an https:// URL (http:// only for localhost), such as https://auth.globus.org");
        assertThat(check(OidcOptions.ISSUER, "auth.globus.org")).contains(
                "expected a URL such as https://auth.globus.org (no query or fragment)");
        assertThat(check(OidcOptions.REDIRECT_URI, "/login/oidc/callback")).contains(
                "expected an absolute URL such as https://registry.example.org/login/oidc/callback, exactly as"
                        + " registered at the provider");
        assertThat(check(OidcOptions.ALLOWED_IDPS, "41143743-f3c8-4d60-bbdb-eeecaba85bd9,uchicago")).contains(
                "'uchicago' is not a UUID; expected comma-separated identity provider UUIDs such as"
                        + " 3a42f43c-1744-40dc-9b16-753d8e1589fa");
        assertThat(check(OidcOptions.ALLOWED_DOMAINS, "uchicago.edu, anl.gov")).isEmpty();
        assertThat(check(OidcOptions.ALLOWED_DOMAINS, "@uchicago.edu")).contains(
                "'@uchicago.edu' is not a domain; expected comma-separated domains such as uchicago.edu,anl.gov (no @)");
        assertThat(check(OidcOptions.GROUPS_CLAIM, "groups roles")).contains("expected one claim name such as groups");
        assertThat(check(OidcOptions.CLIENT_ID, "my client")).contains(
                "expected the client id the provider gave (no spaces), e.g. a UUID for Globus");
    }

    static Optional<String> check(String key, String value) {
        List<ConfigOption> all = OidcOptions.all();
        return all.stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow().validator().check(value);
    }
}
