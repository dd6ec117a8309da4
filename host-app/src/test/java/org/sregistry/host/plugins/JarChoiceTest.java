package org.sregistry.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which jar a plugin runs from when several declare its id. */
class JarChoiceTest {
    private static final Comparator<String> VERSIONS = Comparator.naturalOrder();

    @Test
    void theHighestVersionWinsAndTheOthersAreIgnoredWithTheReason() {
        JarChoice.Choice choice = JarChoice.choose(List.of(jar("webhook.jar", "1.0.0"), jar("webhook-1.1.0.jar", "1.1.0")),
                Map.of("webhook", Path.of("/p/webhook.jar")), VERSIONS);
        assertThat(choice.winners().get("webhook").jar()).isEqualTo(Path.of("/p/webhook-1.1.0.jar"));
        assertThat(choice.ignored()).containsOnlyKeys(Path.of("/p/webhook.jar"));
        assertThat(choice.ignored().get(Path.of("/p/webhook.jar")))
                .isEqualTo("Plugin webhook 1.0.0 in /p/webhook.jar ignored: webhook-1.1.0.jar has version 1.1.0");
    }

    @Test
    void onATieTheJarThatRunsStaysElseTheFirst() {
        List<JarChoice.Candidate> twins = List.of(jar("a.jar", "1.0.0"), jar("b.jar", "1.0.0"));
        assertThat(JarChoice.choose(twins, Map.of("webhook", Path.of("/p/b.jar")), VERSIONS).winners().get("webhook")
                .jar()).isEqualTo(Path.of("/p/b.jar"));
        JarChoice.Choice fresh = JarChoice.choose(twins, Map.of(), VERSIONS);
        assertThat(fresh.winners().get("webhook").jar()).isEqualTo(Path.of("/p/a.jar"));
        assertThat(fresh.ignored().get(Path.of("/p/b.jar"))).endsWith("the same version in a.jar is used");
    }

    @Test
    void aJarInThePluginsFolderWinsOverTheSourceTreeWhateverTheVersions() {
        JarChoice.Candidate dev = new JarChoice.Candidate(new PluginFolders.Found(Path.of("/src/target/webhook.jar"),
                null, true), "webhook", "9.0.0");
        JarChoice.Choice choice = JarChoice.choose(List.of(jar("webhook.jar", "1.0.0"), dev), Map.of(), VERSIONS);
        assertThat(choice.winners().get("webhook").found().dev()).isFalse();
        assertThat(choice.ignored().get(Path.of("/src/target/webhook.jar")))
                .endsWith("a jar in the plugins folder wins over the source tree");
    }

    private static JarChoice.Candidate jar(String name, String version) {
        return new JarChoice.Candidate(new PluginFolders.Found(Path.of("/p").resolve(name), null, false), "webhook",
                version);
    }
}
