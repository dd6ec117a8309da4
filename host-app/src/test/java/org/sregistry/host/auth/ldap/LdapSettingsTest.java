package org.sregistry.host.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.ConfigOption;

class LdapSettingsTest {
    private final Map<String, String> values = new HashMap<>(Map.of(
            LdapOptions.URL, "ldaps://ldap.example.org",
            LdapOptions.USER_DN_PATTERN, "uid={0},ou=people,dc=example,dc=org"));

    @Test
    void noUrlMeansLdapIsOff() {
        assertThat(LdapSettings.from(key -> Optional.empty())).isEmpty();
        assertThat(LdapSettings.from(key -> Optional.of(" ").filter(v -> key.equals(LdapOptions.URL)))).isEmpty();
    }

    @Test
    void aMinimalPatternSetTakesTheDefaults() {
        LdapSettings s = settings();
        assertThat(s.host()).isEqualTo("ldap.example.org");
        assertThat(s.port()).isEqualTo(636);
        assertThat(s.ldaps()).isTrue();
        assertThat(s.searchThenBind()).isFalse();
        assertThat(s.userFilter()).isEqualTo("(uid={0})");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.caFile()).isEmpty();
        assertThat(s.teamsOf(List.of("a", "b"))).isEmpty();
        assertThat(s.isAdmin(List.of("a"))).isFalse();
    }

    @Test
    void aSearchSetWithStartTlsAndGroups() {
        values.remove(LdapOptions.USER_DN_PATTERN);
        values.putAll(Map.of(LdapOptions.URL, "ldap://[::1]:3389/", LdapOptions.STARTTLS, "yes",
                LdapOptions.BIND_DN, "cn=registry,dc=example,dc=org", LdapOptions.BIND_PASSWORD, "s3cret",
                LdapOptions.USER_BASE, "ou=people,dc=example,dc=org", LdapOptions.GROUP_BASE, "ou=groups,dc=example,dc=org",
                LdapOptions.TEAM_GROUPS, "structural-.*|imaging", LdapOptions.ADMIN_GROUP, "Registry-Admins",
                LdapOptions.TIMEOUT, "10s"));
        LdapSettings s = settings();
        assertThat(s.host()).isEqualTo("::1");
        assertThat(s.port()).isEqualTo(3389);
        assertThat(s.startTls()).isTrue();
        assertThat(s.searchThenBind()).isTrue();
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.teamsOf(List.of("imaging", "structural-biology", "x-structural-biology", "registry-admins")))
                .containsExactly("imaging", "structural-biology");
        assertThat(s.isAdmin(List.of("registry-admins"))).isTrue();
        assertThat(s.toString()).doesNotContain("s3cret").contains("bindPassword=****");
    }

    @Test
    void plainLdapNeedsStartTlsOrAnExplicitInsecure() {
        values.put(LdapOptions.URL, "ldap://ldap.example.org");
        refused(LdapOptions.URL + "=ldap://ldap.example.org would send passwords in clear: set "
                + LdapOptions.STARTTLS + "=true");
        values.put(LdapOptions.INSECURE, "true");
        assertThat(settings().port()).isEqualTo(389);
    }

    @Test
    void startTlsOnLdapsIsRefused() {
        values.put(LdapOptions.STARTTLS, "true");
        refused(LdapOptions.STARTTLS + "=true needs an ldap:// URL");
    }

    @Test
    void badValuesNameTheirKey() {
        check(LdapOptions.URL, "http://ldap.example.org", "REGISTRY_LDAP_URL='http://ldap.example.org' is not valid:"
                + " 'http' is not ldap or ldaps");
        check(LdapOptions.URL, "ldap://", "expected ldap://HOST:PORT or ldaps://HOST:PORT");
        check(LdapOptions.URL, "ldap:///", "no host name");
        check(LdapOptions.URL, "ldap://user@ldap.example.org", "no host name");
        check(LdapOptions.URL, "ldaps://ldap.example.org/dc=example,dc=org", "a base DN or query in the URL is not used");
        check(LdapOptions.USER_DN_PATTERN, "uid=alice,ou=people", "the pattern has no {0}");
        check(LdapOptions.USER_DN_PATTERN, "uid=x{0},ou=people", "{0} must be the whole value of one RDN");
        check(LdapOptions.USER_DN_PATTERN, "uid={0},cn={0}", "{0} must be the whole value of one RDN");
        check(LdapOptions.USER_DN_PATTERN, "not a dn {0}", "not a DN");
        check(LdapOptions.USER_FILTER, "(uid=alice)", "the filter has no {0}");
        check(LdapOptions.USER_FILTER, "(uid={0}", "not an LDAP filter");
        check(LdapOptions.TEAM_GROUPS, "structural-(", "REGISTRY_LDAP_TEAM_GROUPS='structural-(' is not valid:"
                + " not a regular expression");
        check(LdapOptions.TIMEOUT, "5", "expected a duration");
        check(LdapOptions.TIMEOUT, "0s", "is shorter than 1s");
        check(LdapOptions.TIMEOUT, "1h", "is longer than 2m");
        check(LdapOptions.STARTTLS, "maybe", "REGISTRY_LDAP_STARTTLS='maybe' is not valid: expected true or false");
        check(LdapOptions.GROUP_BASE, "groups", "expected a DN");
    }

    @Test
    void theBindPasswordIsNeverInAMessage() {
        values.put(LdapOptions.BIND_PASSWORD, "s3cret");
        assertThatThrownBy(this::settings).hasMessageContaining(LdapOptions.BIND_DN + " is missing")
                .message().doesNotContain("s3cret");
    }

    @Test
    void oneUserModeMustBeChosen() {
        values.remove(LdapOptions.USER_DN_PATTERN);
        refused("neither " + LdapOptions.USER_DN_PATTERN + " and " + LdapOptions.USER_BASE + " are set");
        values.put(LdapOptions.USER_DN_PATTERN, "uid={0},dc=example,dc=org");
        values.put(LdapOptions.USER_BASE, "dc=example,dc=org");
        refused("both " + LdapOptions.USER_DN_PATTERN + " and " + LdapOptions.USER_BASE + " are set");
    }

    @Test
    void searchNeedsTheWholeServiceAccount() {
        values.remove(LdapOptions.USER_DN_PATTERN);
        values.put(LdapOptions.USER_BASE, "dc=example,dc=org");
        refused(LdapOptions.USER_BASE + " needs a service account to search with");
        values.put(LdapOptions.BIND_DN, "cn=registry,dc=example,dc=org");
        refused(LdapOptions.BIND_PASSWORD + " is missing");
        values.put(LdapOptions.BIND_PASSWORD, "x");
        assertThat(settings().searchThenBind()).isTrue();
    }

    @Test
    void groupMappingsNeedTheGroupBase() {
        values.put(LdapOptions.ADMIN_GROUP, "registry-admins");
        refused(LdapOptions.ADMIN_GROUP + " needs " + LdapOptions.GROUP_BASE);
    }

    @Test
    void theCaFileMustBeReadable(@TempDir Path dir) throws Exception {
        values.put(LdapOptions.CA_FILE, dir.resolve("missing.pem").toString());
        refused(LdapOptions.CA_FILE + "=" + dir.resolve("missing.pem") + " is not a readable file");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        values.put(LdapOptions.CA_FILE, ca.toString());
        assertThat(settings().caFile()).contains(ca);
    }

    @Test
    void everyKeyIsDeclaredOnceAndOnlyThePasswordIsSecret() {
        List<ConfigOption> all = LdapOptions.all();
        assertThat(all).extracting(ConfigOption::key).doesNotHaveDuplicates().allMatch(k -> k.startsWith("REGISTRY_LDAP_"))
                .hasSize(13);
        assertThat(all).filteredOn(ConfigOption::secret).extracting(ConfigOption::key)
                .containsExactly(LdapOptions.BIND_PASSWORD);
    }

    private void check(String key, String value, String expected) {
        Map<String, String> saved = new HashMap<>(values);
        values.put(key, value);
        refused(expected);
        values.clear();
        values.putAll(saved);
    }

    private void refused(String expected) {
        assertThatThrownBy(this::settings).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expected);
    }

    private LdapSettings settings() {
        return LdapSettings.from(key -> Optional.ofNullable(values.get(key))).orElseThrow();
    }
}
