package org.sregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.Access;
import org.sregistry.api.ConfigOption;
import org.sregistry.api.PluginContext;

class FakePluginContextTest {
    private static final List<ConfigOption> OPTIONS = List.of(
            ConfigOption.builder("PLUGIN_HELLO_GREETING", ConfigOption.Type.STRING).defaultValue("hello")
                    .validator(v -> v.length() <= 5 ? Optional.empty() : Optional.of("at most 5 characters")).build(),
            ConfigOption.builder("PLUGIN_HELLO_SECRET", ConfigOption.Type.STRING).secret().build());

    @Test
    void configComesFromTheMapOverTheDeclaredDefaults() {
        FakePluginContext context = FakePluginContext.of("hello").withOptions(OPTIONS)
                .withConfig(Map.of("PLUGIN_HELLO_LIMIT", "7"));
        assertThat(context.config().get("PLUGIN_HELLO_GREETING")).isEqualTo("hello");
        assertThat(context.config().getInt("PLUGIN_HELLO_LIMIT")).isEqualTo(7);
        assertThat(context.config().find("PLUGIN_HELLO_SECRET")).isEmpty();
        context.withConfig("PLUGIN_HELLO_GREETING", "hi");
        assertThat(context.config().get("PLUGIN_HELLO_GREETING")).isEqualTo("hi");
    }

    @Test
    void aDirectoryUrlIsReadWithItsTrailingSlashAsOnTheHost() {
        FakePluginContext context = FakePluginContext.of("hello").withOptions(List.of(
                ConfigOption.builder("PLUGIN_HELLO_ROOT", ConfigOption.Type.DIRECTORY_URL).build(),
                ConfigOption.builder("PLUGIN_HELLO_HOOK", ConfigOption.Type.URL).build()));
        context.withConfig("PLUGIN_HELLO_ROOT", "https://api.example.org/v1")
                .withConfig("PLUGIN_HELLO_HOOK", "https://hooks.example.org/x");
        assertThat(context.config().get("PLUGIN_HELLO_ROOT")).isEqualTo("https://api.example.org/v1/");
        assertThat(context.config().get("PLUGIN_HELLO_HOOK")).as("a URL is read as written")
                .isEqualTo("https://hooks.example.org/x");
    }

    @Test
    void metricsAreNamedAndTaggedAsOnTheHost() {
        FakePluginContext context = FakePluginContext.of("hello");
        context.metrics().counter("greetings", "plugin", "other").increment();
        context.metrics().counter("greetings").increment();
        assertThat(context.metrics().counter("greetings").count()).isEqualTo(2.0);
        var meter = context.metrics().find("hello.greetings").counter();
        assertThat(meter).isNotNull();
        assertThat(meter.getId().getTag("plugin")).isEqualTo("hello");
        assertThat(context.metrics().find("greetings").counter()).as("only the prefixed name exists").isNull();
    }

    @Test
    void setRunsTheValidatorAndRefusesFixedKeys() {
        FakePluginContext context = FakePluginContext.of("hello").withOptions(OPTIONS);
        assertThatThrownBy(() -> context.config().set("PLUGIN_HELLO_GREETING", "good morning"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 5 characters");
        context.config().set("PLUGIN_HELLO_GREETING", "hey");
        assertThat(context.config().get("PLUGIN_HELLO_GREETING")).isEqualTo("hey");
        context.config().fix("PLUGIN_HELLO_GREETING", "yo");
        assertThat(context.config().get("PLUGIN_HELLO_GREETING")).isEqualTo("yo");
        assertThatThrownBy(() -> context.config().set("PLUGIN_HELLO_GREETING", "hey"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fixed");
    }

    @Test
    void aGeneratedDefaultIsMadeOnce() {
        AtomicInteger made = new AtomicInteger();
        FakePluginContext context = FakePluginContext.of("hello").withOptions(List.of(
                ConfigOption.builder("PLUGIN_HELLO_ID", ConfigOption.Type.STRING)
                        .generatedDefault(() -> "id-" + made.incrementAndGet()).build()));
        assertThat(context.config().get("PLUGIN_HELLO_ID")).isEqualTo("id-1");
        assertThat(context.config().get("PLUGIN_HELLO_ID")).isEqualTo("id-1");
    }

    @Test
    void theClockStandsStillUntilMovedAndStampsTheStore() {
        FakePluginContext context = FakePluginContext.of("hello").withClockAt(Instant.parse("2031-05-01T10:00:00Z"));
        context.store().put("job", "a", "1");
        context.clock().advance(Duration.ofHours(1));
        assertThat(context.clock().instant()).isEqualTo(Instant.parse("2031-05-01T11:00:00Z"));
        assertThat(context.store().list("job", 1, 0).get(0).createdAt()).isEqualTo(Instant.parse("2031-05-01T10:00:00Z"));
        assertThat(context.taskContext().startedAt()).isEqualTo(Instant.parse("2031-05-01T11:00:00Z"));
        assertThat(context.taskContext(true).stopRequested()).isTrue();
    }

    @Test
    void aStoreOutlivesItsContextForRestartTests() {
        FakePluginContext first = FakePluginContext.of("hello");
        first.store().insertIfAbsent("job", "a", "claimed");
        FakePluginContext restarted = FakePluginContext.of("hello").withStore(first.store());
        assertThat(restarted.store().insertIfAbsent("job", "a", "again")).isFalse();
        assertThat(restarted.store().snapshot()).isEqualTo(Map.of("job", Map.of("a", "claimed")));
    }

    @Test
    void auditRecordsAndTaskRequestsAreCaptured() {
        FakePluginContext context = FakePluginContext.of("hello");
        PluginContext plugin = context; // what the plugin's classes see
        Access.Caller alice = new Access.Caller("alice", "Alice", false);
        plugin.audit().record("greet", "demo", Map.of("to", "bob"));
        plugin.audit().recordFor(alice, "import", "demo/tool:1", Map.of());
        plugin.runTaskSoon("hello-tick");
        assertThat(context.audited()).containsExactly(
                new FakeAuditLog.Entry(null, "greet", "demo", Map.of("to", "bob")),
                new FakeAuditLog.Entry(alice, "import", "demo/tool:1", Map.of()));
        assertThat(context.tasksRunSoon()).containsExactly("hello-tick");
    }

    @Test
    void pagesAreBareAndEscapeTheTitle() {
        FakePluginContext context = FakePluginContext.of("hello");
        assertThat(context.pages().render("<Hi>", "<p>body</p>")).contains("<title>&lt;Hi&gt;</title>", "<p>body</p>");
        assertThat(context.pages().csrfField()).contains("name=\"_csrf\"", context.pages().csrfToken());
    }

    @Test
    void facetsNotFakedSaySoUntilGiven() {
        FakePluginContext context = FakePluginContext.of("hello");
        assertThatThrownBy(context::registry).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not fake registry()").hasMessageContaining("withRegistry");
        assertThatThrownBy(context::access).hasMessageContaining("withAccess");
        assertThatThrownBy(context::secrets).hasMessageContaining("withSecrets");
        assertThatThrownBy(context::signInGrants).hasMessageContaining("withSignInGrants");
        assertThatThrownBy(context::mail).hasMessageContaining("withMail");
        Access everyoneMayPull = new Access() {
            @Override public Optional<Caller> caller() { return Optional.empty(); }
            @Override public Optional<Caller> user(String username) { return Optional.empty(); }
            @Override public boolean mayPull(Caller caller, String imageUri) { return true; }
            @Override public boolean mayPush(Caller caller, String collection) { return false; }
            @Override public boolean mayManage(Caller caller, String collection) { return false; }
        };
        assertThat(context.withAccess(everyoneMayPull).access()).isSameAs(everyoneMayPull);
    }

    @Test
    void theDataDirIsPrivateToThePluginAndCleanedOnClose() throws Exception {
        Path host;
        try (FakePluginContext context = FakePluginContext.of("hello")) {
            Path dir = context.dataDir();
            assertThat(dir).isDirectory().endsWith(Path.of("plugin-data", "hello"));
            Files.writeString(dir.resolve("x"), "x");
            host = context.hostDataDir();
        }
        assertThat(host).doesNotExist();
    }

    @Test
    void aGivenHostDataDirIsKeptAndTheCliDoesNotMakeTheFolder(@TempDir Path tmp) {
        FakePluginContext context = FakePluginContext.of("hello").withHostDataDir(tmp).withCliMode(true);
        assertThat(context.cliMode()).isTrue();
        assertThat(context.dataDir()).isEqualTo(tmp.resolve("plugin-data/hello")).doesNotExist();
        context.close();
        assertThat(tmp).exists();
    }
}
