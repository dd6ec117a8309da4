package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.RegistryProcess;

/**
 * The admin changes the password on the settings page or with {@code registry admin set-password};
 * the old password, its sessions and its remembered Basic logins stop working at once, and the
 * initial password file goes.
 */
class AdminPasswordIT {
    private static final String NEW = "correct horse battery staple";

    @Test
    void onTheSettingsPage() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().start()) {
            String old = registry.adminPassword();
            RegistryClient other = registry.browser();
            RegistryClient browser = registry.browser();
            RegistryClient oldBasic = RegistryClient.basic(registry.server().baseUri(), "admin", old);
            assertThat(oldBasic.get("/api/plugins").statusCode()).isEqualTo(200); // remembered from now on
            assertThat(browser.get("/settings").body()).contains("Administrator password", "initial-admin-password");

            assertThat(change(browser, "wrong-current-password", NEW, NEW)).contains("The current password is wrong");
            assertThat(change(browser, old, NEW, NEW + "x")).contains("The two new passwords differ");
            assertThat(change(browser, old, "short", "short")).contains("at least 12 characters");
            assertThat(browser.formWithoutCsrf("/settings/password",
                    Map.of("current", old, "password", NEW, "confirm", NEW)).statusCode()).isEqualTo(403);
            assertThat(oldBasic.get("/api/plugins").statusCode()).as("nothing changed yet").isEqualTo(200);

            HttpResponse<String> changed = browser.form("/settings/password",
                    Map.of("current", old, "password", NEW, "confirm", NEW));
            assertThat(changed.statusCode()).isEqualTo(303);
            assertThat(changed.headers().firstValue("Location")).hasValue("/settings?password=changed#password");
            assertThat(browser.get("/settings?password=changed").body()).contains("Password changed.")
                    .doesNotContain("still logs in with the generated password");

            assertThat(oldBasic.get("/api/plugins").statusCode()).as("the remembered old password is void").isEqualTo(401);
            assertThat(RegistryClient.basic(registry.server().baseUri(), "admin", NEW).get("/api/plugins").statusCode())
                    .isEqualTo(200);
            assertThat(other.get("/settings").statusCode()).as("other sessions are logged out").isEqualTo(302);
            assertThat(browser.get("/settings").statusCode()).as("this browser got a new session").isEqualTo(200);
            assertThat(registry.dataDir().resolve("initial-admin-password")).doesNotExist();
            assertThat(registry.adminUser().passwordHash()).as("only a hash is stored")
                    .startsWith("pbkdf2-sha256").doesNotContain(NEW).doesNotContain(old);
            assertThat(registry.anonymous().get("/login").body()).doesNotContain("initial-admin-password");

            registry.stop();
            registry.start();
            assertThat(RegistryClient.basic(registry.server().baseUri(), "admin", NEW).get("/api/plugins").statusCode())
                    .as("kept over a restart").isEqualTo(200);
        }
    }

    @Test
    void withTheCliWhileTheServerRuns() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().start()) {
            String old = registry.adminPassword();
            RegistryClient browser = registry.browser();
            RegistryClient oldBasic = RegistryClient.basic(registry.server().baseUri(), "admin", old);
            assertThat(oldBasic.get("/api/plugins").statusCode()).isEqualTo(200);
            String dir = registry.dataDir().toString();

            RegistryProcess.Result onArgv = RegistryProcess.run(registry.dataDir(), Map.of(), "",
                    "--data-dir", dir, "admin", "set-password", NEW);
            assertThat(onArgv.code()).as("never from the command line").isEqualTo(2);
            RegistryProcess.Result tooShort = RegistryProcess.run(registry.dataDir(), Map.of(), "short\n",
                    "--data-dir", dir, "admin", "set-password");
            assertThat(tooShort.code()).isEqualTo(1);
            assertThat(tooShort.err()).contains("at least 12 characters", "not changed");
            assertThat(oldBasic.get("/api/plugins").statusCode()).isEqualTo(200);

            RegistryProcess.Result set = RegistryProcess.run(registry.dataDir(), Map.of(), NEW + "\n",
                    "--data-dir", dir, "admin", "set-password");
            assertThat(set.code()).as(set.err()).isZero();
            assertThat(set.out()).contains("password of admin changed");
            assertThat(registry.dataDir().resolve("initial-admin-password")).doesNotExist();
            assertThat(oldBasic.get("/api/plugins").statusCode()).as("the running server sees it at once").isEqualTo(401);
            assertThat(browser.get("/settings").statusCode()).as("sessions of the old password end").isEqualTo(302);
            assertThat(RegistryClient.basic(registry.server().baseUri(), "admin", NEW).get("/api/plugins").statusCode())
                    .isEqualTo(200);
            assertThat(registry.anonymous().form("/login", Map.of("username", "admin", "password", NEW, "next", "/"))
                    .statusCode()).isEqualTo(303);
        }
    }

    private static String change(RegistryClient browser, String current, String password, String confirm) {
        HttpResponse<String> answer = browser.form("/settings/password",
                Map.of("current", current, "password", password, "confirm", confirm));
        assertThat(answer.statusCode()).isEqualTo(303);
        String location = answer.headers().firstValue("Location").orElseThrow();
        return browser.get(location.replace("#password", "")).body();
    }
}
