package org.sregistry.globus.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sregistry.api.ConfigOption;
import org.sregistry.api.PluginConfig;

class GlobusSettingsTest {
    private final Map<String, String> values = new HashMap<>();
    private final PluginConfig config = new PluginConfig() {
        @Override
        public Optional<String> find(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public void set(String key, String value) {
            values.put(key, value);
        }
    };
    private final GlobusSettings settings = new GlobusSettings(config, Path.of("/srv/registry"));

    @Test
    void defaultsPointAtProductionGlobusAndTheDataDir() {
        assertThat(settings.authRoot()).isEqualTo(URI.create("https://auth.globus.org/"));
        assertThat(settings.transferRoot()).isEqualTo(URI.create("https://transfer.api.globus.org/"));
        assertThat(settings.productionGlobus()).isTrue();
        assertThat(settings.stagingDir()).isEqualTo(Path.of("/srv/registry/globus-staging"));
        assertThat(settings.stagingPath()).isEqualTo("/srv/registry/globus-staging/");
        assertThat(settings.pollSeconds()).isEqualTo(30);
        assertThat(settings.importForeign()).isTrue();
        assertThat(settings.endpointId()).isEmpty();
        assertThat(settings.clientId()).isEmpty();
    }

    @Test
    void valuesAreReadAtEveryCall() {
        values.put(GlobusKeys.STAGING_PATH, "/~/staging");
        values.put(GlobusKeys.POLL_SECONDS, "5");
        values.put(GlobusKeys.IMPORT_FOREIGN, "false");
        values.put(GlobusKeys.ENDPOINT, "  ");
        assertThat(settings.stagingPath()).isEqualTo("/~/staging/");
        assertThat(settings.pollSeconds()).isEqualTo(5);
        assertThat(settings.importForeign()).isFalse();
        assertThat(settings.endpointId()).isEmpty();

        values.put(GlobusKeys.AUTH_URL, "http://127.0.0.1:9/auth/");
        assertThat(settings.authRoot()).isEqualTo(URI.create("http://127.0.0.1:9/auth/"));
        assertThat(settings.productionGlobus()).isFalse();
    }

    @Test
    void validatorsSayWhatIsExpected() {
        assertThat(GlobusSettings.checkEndpointPath("/~/staging/")).isEmpty();
        assertThat(GlobusSettings.checkEndpointPath("staging")).get().asString().contains("starting with /");
        assertThat(GlobusSettings.checkEndpointPath("/data/../etc/")).get().asString().contains("'..'");
        assertThat(GlobusSettings.checkStagingDir("relative/dir")).contains("expected an absolute path");
        assertThat(GlobusSettings.checkStagingDir("/abs/dir")).isEmpty();
    }

    @Test
    void everyKeyIsDeclaredOnceWithADescription() {
        var options = new GlobusOptions(Path.of("/srv/registry/globus-staging")).options();
        assertThat(options).extracting(ConfigOption::key).containsExactly(GlobusKeys.ENDPOINT, GlobusKeys.ROBOT_NAME,
                GlobusKeys.CLIENT_ID, GlobusKeys.AUTH_URL, GlobusKeys.TRANSFER_URL, GlobusKeys.STAGING_DIR,
                GlobusKeys.STAGING_PATH, GlobusKeys.POLL_SECONDS, GlobusKeys.IMPORT_FOREIGN,
                GlobusKeys.FAST_PATH, GlobusKeys.SHARING, GlobusKeys.MAX_SHARES, GlobusKeys.TASK_DEADLINE_HOURS);
        assertThat(options).allSatisfy(o -> assertThat(o.description()).isNotBlank());
        assertThat(options).filteredOn(ConfigOption::required).isEmpty();
        ConfigOption robot = options.get(1);
        assertThat(robot.generatedDefault().get()).matches("[a-z]+-[a-z]+-\\d{4}");
        ConfigOption poll = options.get(7);
        assertThat(poll.validator().check("0")).isPresent();
        assertThat(poll.validator().check("30")).isEmpty();
    }

    @Test
    void sharingSharesAndDeadlineHaveDefaultsAndBounds() {
        assertThat(settings.sharing()).isEqualTo(GlobusSettings.Sharing.AUTO);
        assertThat(settings.maxShares()).isEqualTo(90);
        assertThat(settings.taskDeadline()).isEqualTo(java.time.Duration.ofHours(72));

        values.put(GlobusKeys.SHARING, " Guest ");
        values.put(GlobusKeys.MAX_SHARES, "900");
        values.put(GlobusKeys.TASK_DEADLINE_HOURS, "24");
        assertThat(settings.sharing()).isEqualTo(GlobusSettings.Sharing.GUEST);
        assertThat(settings.maxShares()).isEqualTo(900);
        assertThat(settings.taskDeadline()).isEqualTo(java.time.Duration.ofHours(24));

        values.put(GlobusKeys.SHARING, "sometimes"); // not one of the choices; read as the default
        values.put(GlobusKeys.MAX_SHARES, "many");
        assertThat(settings.sharing()).isEqualTo(GlobusSettings.Sharing.AUTO);
        assertThat(settings.maxShares()).isEqualTo(90);

        Map<String, ConfigOption> options = new HashMap<>();
        new GlobusOptions(Path.of("/srv/staging")).options().forEach(o -> options.put(o.key(), o));
        assertThat(options.get(GlobusKeys.SHARING).defaultValue()).isEqualTo("auto");
        assertThat(options.get(GlobusKeys.SHARING).type()).isEqualTo(ConfigOption.Type.CHOICE);
        assertThat(options.get(GlobusKeys.SHARING).choices()).containsExactly("auto", "guest", "off");
        assertThat(options.get(GlobusKeys.AUTH_URL).type()).isEqualTo(ConfigOption.Type.DIRECTORY_URL);
        assertThat(options.get(GlobusKeys.TRANSFER_URL).type()).isEqualTo(ConfigOption.Type.DIRECTORY_URL);
        assertThat(options.get(GlobusKeys.MAX_SHARES).defaultValue()).isEqualTo("90");
        assertThat(options.get(GlobusKeys.MAX_SHARES).validator().check("0")).contains("between 1 and 1000");
        assertThat(options.get(GlobusKeys.MAX_SHARES).validator().check("1000")).isEmpty();
        assertThat(options.get(GlobusKeys.TASK_DEADLINE_HOURS).defaultValue()).isEqualTo("72");
        assertThat(options.get(GlobusKeys.TASK_DEADLINE_HOURS).validator().check("721"))
                .contains("between 1 and 720 hours");
    }

    @Test
    void serviceUrlsMustBeHttpsExceptOnLoopback() {
        for (String ok : new String[] {"https://auth.globus.org/", "https://example.org:8443/auth/",
                "http://127.0.0.1:8080/auth/", "http://127.1.2.3/transfer/", "http://localhost:9/auth/",
                "http://[::1]:8080/auth/"}) {
            assertThat(GlobusSettings.checkServiceUrl(ok)).as(ok).isEmpty();
        }
        for (String bad : new String[] {"http://auth.globus.org/", "http://10.0.0.1/auth/",
                "http://127.0.0.1.evil.example/auth/", "http://127.0.0.1@evil.example/", "http://localhost.evil.example/",
                "ftp://127.0.0.1/", "not a url", "https:///nohost"}) {
            assertThat(GlobusSettings.checkServiceUrl(bad)).as(bad).isPresent();
        }
        Map<String, ConfigOption> options = new HashMap<>();
        new GlobusOptions(Path.of("/srv/staging")).options().forEach(o -> options.put(o.key(), o));
        for (String key : new String[] {GlobusKeys.AUTH_URL, GlobusKeys.TRANSFER_URL}) {
            assertThat(options.get(key).validator().check("http://auth.example.org/")).isPresent();
            assertThat(options.get(key).validator().check("http://127.0.0.1:8080/auth/")).isEmpty();
        }
    }
}
