package org.sregistry.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;
import org.sregistry.host.users.Role;

/**
 * {@link org.sregistry.api.UserRoutes} on the real server: the sample plugin opens what {@code
 * PLUGIN_SAMPLE_USER_PATHS} lists to signed-in users; its other paths stay administrators-only, and a declaration
 * outside its namespace fails its start.
 */
class UserRoutesIT {
    private static final String PASSWORD = "a-long-test-password";

    @Test
    void aDeclaredPathIsOpenToPlainUsersAndTheRestStaysAdminOnly() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
                .config("PLUGIN_SAMPLE_USER_PATHS", "/api/sample/hello, /sample").start()) {
            registry.createUser("una", Role.USER, PASSWORD);
            RegistryClient una = registry.as("una", PASSWORD);
            assertThat(una.get("/api/sample/hello").statusCode()).isEqualTo(200);
            assertThat(una.get("/api/sample/ticks").statusCode()).as("not declared").isEqualTo(403);
            assertThat(una.get("/api/sample/hellox").statusCode()).as("a sibling is not below").isEqualTo(403);
            assertThat(una.get("/sample").statusCode()).as("the root, exactly").isEqualTo(200);
            assertThat(registry.anonymous().get("/api/sample/hello").statusCode()).as("signed-in users only")
                    .isIn(401, 302);
            assertThat(registry.admin().get("/api/sample/ticks").statusCode()).isEqualTo(200);

            RegistryClient browser = registry.browserAs("una", PASSWORD);
            assertThat(browser.get("/").body()).as("the plugin's fragments reach plain users now")
                    .contains("sample-panel");
        }
    }

    @Test
    void withoutADeclarationEveryPluginPathAndFragmentIsForAdministrators() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
                .start()) {
            registry.createUser("una", Role.USER, PASSWORD);
            assertThat(registry.as("una", PASSWORD).get("/api/sample/hello").statusCode()).isEqualTo(403);
            assertThat(registry.browserAs("una", PASSWORD).get("/").body()).doesNotContain("sample-panel");
            assertThat(registry.browser().get("/").body()).contains("sample-panel");
        }
    }

    @Test
    void aDeclarationOutsideTheNamespaceFailsThePluginsStart() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
                .config("PLUGIN_SAMPLE_USER_PATHS", "/api/users").start()) {
            PluginRecord sample = registry.server().plugins().plugins().stream()
                    .filter(p -> p.id().equals("sample")).findFirst().orElseThrow();
            assertThat(sample.state()).isEqualTo(PluginState.FAILED);
            assertThat(sample.error()).contains("user path /api/users lies outside /sample and /api/sample");
            assertThat(registry.admin().get("/api/users").statusCode()).as("still the host's").isEqualTo(200);
        }
    }
}
