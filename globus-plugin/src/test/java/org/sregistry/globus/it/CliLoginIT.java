package org.sregistry.globus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.config.GlobusKeys;
import org.sregistry.globussim.store.Endpoint;

/** {@code registry globus ...} against the simulator: login, refresh, wrong code, status, endpoint, logout. */
class CliLoginIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static SimGlobus globus;
    static Endpoint own;
    static Endpoint sharedWithMe;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startSimulator() throws Exception {
        globus = SimGlobus.start(shared.resolve("sim"));
        Files.createDirectories(shared.resolve("cluster"));
        own = globus.ownEndpoint("Lab Cluster", shared.resolve("cluster"));
        sharedWithMe = globus.sharedEndpoint("Partner Archive", shared.resolve("cluster"));
    }

    @AfterAll
    static void stopSimulator() {
        globus.close();
    }

    @BeforeEach
    void prepare() throws Exception {
        // the CLI mounts the commands of enabled plugins only
        Map<String, String> config = new java.util.LinkedHashMap<>(globus.registrySettings());
        config.put("PLUGIN_GLOBUS_ENABLED", "true");
        PluginJar.prepareDataDir(dataDir, config);
    }

    @AfterEach
    void normalLifetime() {
        globus.sim.setAccessTokenLifetime(SimGlobus.LONG_LIFETIME);
    }

    @Test
    void interactiveLoginStoresTokensListsEndpointsAndTheSecondRunIsUpToDate() throws Exception {
        Cli.Run first = Cli.interactive(dataDir, globus::approve, "update-tokens");

        assertThat(first.code()).as(first.all()).isZero();
        assertThat(first.out()).contains("Please go to this URL and login: " + globus.sim.authRoot(),
                "Please enter the code you get after login here: ",
                ". " + own.id + " [my-endpoints] Lab Cluster",
                ". " + sharedWithMe.id + " [shared-with-me] Partner Archive",
                "Tokens updated!");
        assertThat(first.out()).contains("1. ").contains("2. ");
        Path tokens = PluginJar.tokenFile(dataDir);
        assertThat(Files.getPosixFilePermissions(tokens))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(secretsIn(tokens)).isNotEmpty().allSatisfy(secret -> assertThat(first.all()).doesNotContain(secret));
        assertThat(Files.exists(dataDir.resolve("plugin-data/globus/pending-login.json"))).isFalse();

        Cli.Run second = Cli.globus(dataDir, "", "update-tokens");
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("Your tokens are up to date.").doesNotContain("Please go to this URL");
    }

    @Test
    void tokensOfAnotherGlobusServiceAreNeverSentAndALoginReplacesThem() throws Exception {
        assertThat(Cli.interactive(dataDir, globus::approve, "update-tokens").code()).isZero();
        assertThat(JSON.readTree(Files.readString(PluginJar.tokenFile(dataDir))).path("auth_root").asText())
                .isEqualTo(globus.sim.authRoot().toString());
        // the same simulator under another name: a different service as far as the stored tokens are concerned
        Map<String, String> moved = new java.util.LinkedHashMap<>(globus.registrySettings());
        String host = globus.sim.baseUri().getHost();
        String alias = host.equals("localhost") ? "127.0.0.1" : "localhost";
        moved.replaceAll((key, value) -> key.equals(GlobusKeys.AUTH_URL) || key.equals(GlobusKeys.TRANSFER_URL)
                ? value.replace("://" + host + ":", "://" + alias + ":") : value);
        assertThat(moved.get(GlobusKeys.AUTH_URL)).isNotEqualTo(globus.sim.authRoot().toString());
        moved.put("PLUGIN_GLOBUS_ENABLED", "true");
        Files.writeString(dataDir.resolve("registry.properties"), moved.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        globus.sim.resetStats();

        Cli.Run status = Cli.globus(dataDir, "", "status");
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.out()).contains("credentials need to be updated",
                "belong to another Globus service", "update-tokens");
        Cli.Run logout = Cli.globus(dataDir, "", "logout");
        assertThat(logout.all()).contains("not revoked");
        assertThat(Files.exists(PluginJar.tokenFile(dataDir))).isFalse();
        assertThat(globus.sim.stats().values().stream().mapToLong(Long::longValue).sum())
                .as("no token went anywhere: %s", globus.sim.stats()).isZero();

        Cli.Run login = Cli.interactive(dataDir, globus::approve, "update-tokens");
        assertThat(login.code()).as(login.all()).isZero();
        assertThat(Cli.globus(dataDir, "", "status").code()).isZero();
    }

    @Test
    void theCodeCanBeGivenLaterWithTheCodeOption() throws Exception {
        Cli.Run start = Cli.globus(dataDir, "", "update-tokens");
        assertThat(start.code()).isEqualTo(1);
        assertThat(start.err()).contains("No code entered", "update-tokens --code CODE");
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("plugin-data/globus/pending-login.json")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

        Cli.Run finish = Cli.globus(dataDir, "", "update-tokens", "--code", globus.approve(start.loginUrl()));
        assertThat(finish.code()).as(finish.all()).isZero();
        assertThat(finish.out()).contains("Logged in to Globus as " + globus.sim.defaultUsername(), "Tokens updated!");
    }

    @Test
    void aWrongCodeExitsWithOneAndKeepsTheOldTokens() throws Exception {
        assertThat(Cli.interactive(dataDir, globus::approve, "update-tokens").code()).isZero();
        byte[] before = Files.readAllBytes(PluginJar.tokenFile(dataDir));

        Cli.Run wrong = Cli.interactive(dataDir, url -> "not-the-code", "update-tokens", "--force");

        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("Globus did not accept the code (invalid_grant",
                "Nothing was changed").doesNotContain("Exception", "\tat ");
        assertThat(Files.readAllBytes(PluginJar.tokenFile(dataDir))).isEqualTo(before);
        assertThat(Cli.globus(dataDir, "", "update-tokens").out()).contains("Your tokens are up to date.");
    }

    @Test
    void anExpiredAccessTokenIsRefreshedWithoutAPrompt() throws Exception {
        globus.sim.setAccessTokenLifetime(Duration.ofSeconds(30)); // inside the 60 s refresh margin from the start
        assertThat(Cli.interactive(dataDir, globus::approve, "update-tokens").code()).isZero();
        String accessBefore = transferToken(dataDir).path("access_token").asText();

        Cli.Run again = Cli.globus(dataDir, "", "update-tokens");

        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).contains("Your tokens are up to date.").doesNotContain("Please go to this URL");
        assertThat(transferToken(dataDir).path("access_token").asText()).isNotEqualTo(accessBefore);
    }

    @Test
    void revokedCredentialsAreReportedAndALoginRecoversThem() throws Exception {
        assertThat(Cli.interactive(dataDir, globus::approve, "update-tokens").code()).isZero();
        globus.sim.setAccessTokenLifetime(Duration.ofSeconds(30));
        assertThat(Cli.interactive(dataDir, globus::approve, "update-tokens", "--force").code()).isZero();
        globus.sim.revokeAllTokens();

        Cli.Run status = Cli.globus(dataDir, "", "status");
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.out()).contains("credentials need to be updated", "globus update-tokens");

        Cli.Run recover = Cli.interactive(dataDir, globus::approve, "update-tokens");
        assertThat(recover.code()).as(recover.all()).isZero();
        assertThat(recover.out()).contains("Your Globus credentials need to be updated", "Tokens updated!");
        assertThat(Cli.globus(dataDir, "", "status").code()).isZero();
    }

    @Test
    void statusShowsIdentityExpiryRobotNameAndEndpoint() throws Exception {
        Cli.Run before = Cli.globus(dataDir, "", "status");
        assertThat(before.code()).isEqualTo(1);
        assertThat(before.out()).contains("not connected", "Registry endpoint (PLUGIN_GLOBUS_ENDPOINT): not set",
                "create-endpoint");

        assertThat(before.out()).contains("Robot name (ROBOTNAME): not generated yet");
        String config = Files.readString(dataDir.resolve("registry.properties"));

        assertThat(Cli.interactive(dataDir, globus::approve, "update-tokens").code()).isZero();
        assertThat(Files.readString(dataDir.resolve("registry.properties"))).as("the CLI writes no configuration as a"
                + " side effect, not even the generated robot name of the enabled plugin").isEqualTo(config);
        // what the server writes when it first starts the plugin
        Files.writeString(dataDir.resolve("registry.properties"), "ROBOTNAME=brave-otter-1234\n",
                java.nio.file.StandardOpenOption.APPEND);
        Cli.Run after = Cli.globus(dataDir, "", "status");
        assertThat(after.code()).isZero();
        assertThat(after.out()).contains("connected as " + globus.sim.defaultUsername(), "Access token expires: 20",
                "Refresh token: available", "Robot name (ROBOTNAME): brave-otter-1234");
    }

    @Test
    void createEndpointStoresItsIdAndPrintsTheSetupKey() throws Exception {
        assertThat(Cli.interactive(dataDir, globus::approve, "update-tokens").code()).isZero();

        Cli.Run create = Cli.globus(dataDir, "", "create-endpoint");

        assertThat(create.code()).as(create.all()).isZero();
        String config = Files.readString(dataDir.resolve("registry.properties"));
        String robot = config.lines().filter(l -> l.startsWith("ROBOTNAME=")).findFirst().orElseThrow().substring(10);
        assertThat(create.out()).contains("Created Globus Connect Personal endpoint sregistry-" + robot,
                "Setup key", "globusconnectpersonal -setup ", "globusconnectpersonal -start -restrict-paths rw");
        assertThat(config).containsPattern(GlobusKeys.ENDPOINT + "=[0-9a-f-]{36}");
        assertThat(Files.isDirectory(dataDir.resolve("globus-staging"))).isTrue();

        Cli.Run status = Cli.globus(dataDir, "", "status");
        assertThat(status.out()).contains("\"sregistry-" + robot + "\": active");

        Cli.Run again = Cli.globus(dataDir, "", "create-endpoint", "--name", "other");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already set", "--replace");
    }

    @Test
    void logoutRevokesAndDeletesTheTokens() throws Exception {
        assertThat(Cli.interactive(dataDir, globus::approve, "update-tokens").code()).isZero();
        globus.sim.resetStats();

        Cli.Run logout = Cli.globus(dataDir, "", "logout");

        assertThat(logout.code()).as(logout.all()).isZero();
        assertThat(logout.out()).contains("Revoked", "deleted the token file");
        assertThat(globus.sim.requestCount("POST /auth/v2/oauth2/token/revoke")).isGreaterThanOrEqualTo(2);
        assertThat(Files.exists(PluginJar.tokenFile(dataDir))).isFalse();
        assertThat(Cli.globus(dataDir, "", "logout").out()).contains("No Globus tokens were stored.");
    }

    @Test
    void withoutAClientIdTheLoginExplainsWhatToSet() throws Exception {
        Files.writeString(dataDir.resolve("registry.properties"), "PLUGIN_GLOBUS_ENABLED=true\n");
        Cli.Run run = Cli.globus(dataDir, "", "update-tokens");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("PLUGIN_GLOBUS_CLIENT_ID is not set", "app.globus.org/settings/developers");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(Cli.globus(dataDir, "", "update-tokens", "--bogus").code()).isEqualTo(2);
        assertThat(Cli.globus(dataDir, "").code()).isEqualTo(2);
        Cli.Run help = Cli.globus(dataDir, "", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("update-tokens", "status", "create-endpoint", "logout");
    }

    static JsonNode transferToken(Path dataDir) throws Exception {
        return JSON.readTree(Files.readString(PluginJar.tokenFile(dataDir))).path("tokens")
                .path("transfer.api.globus.org");
    }

    /** Every access and refresh token text in a token file. */
    static List<String> secretsIn(Path tokenFile) throws Exception {
        List<String> secrets = new ArrayList<>();
        JsonNode root = JSON.readTree(Files.readString(tokenFile));
        for (String group : List.of("tokens", "consent_tokens")) {
            root.path(group).forEach(t -> {
                for (String field : List.of("access_token", "refresh_token")) {
                    if (t.hasNonNull(field)) {
                        secrets.add(t.get(field).asText());
                    }
                }
            });
        }
        return secrets;
    }

    static Map<String, String> settings() {
        return globus.registrySettings();
    }
}
