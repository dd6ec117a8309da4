package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * Wrong passwords are slowed down, the right one always gets in. Each test has its own server:
 * failures are counted per (account, address), and every request here comes from 127.0.0.1.
 */
class LoginThrottleIT {

    @Test
    void afterSixWrongWebLoginsTheRightPasswordStillLogsInOnThePageAndWithBasic() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().start()) {
            for (int i = 0; i < 6; i++) {
                webLogin(registry, "wrong-password");
            }
            HttpResponse<String> slowed = webLogin(registry, "wrong-password");
            assertThat(slowed.statusCode()).isEqualTo(429);
            assertThat(slowed.body()).contains("Too many failed logins");
            assertThat(slowed.headers().firstValue("Retry-After")).isPresent();

            assertThat(webLogin(registry, registry.adminPassword()).statusCode()).isEqualTo(303);
            assertThat(registry.admin().get("/api/plugins").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void afterWrongBasicPasswordsTheRightOneStillWorksAndWrongOnesAreAnsweredSlowly() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().start()) {
            RegistryClient wrong = RegistryClient.basic(registry.server().baseUri(), "admin", "wrong-password");
            for (int i = 0; i < 7; i++) {
                wrong.get("/api/plugins");
            }
            long start = System.nanoTime();
            HttpResponse<String> slowed = wrong.get("/api/plugins");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(slowed.statusCode()).isEqualTo(429);
            assertThat(slowed.body()).contains("too_many_attempts");
            assertThat(millis).as("a wrong password while slowed is answered after a pause").isGreaterThanOrEqualTo(500);

            assertThat(registry.admin().get("/api/plugins").statusCode()).isEqualTo(200);
            assertThat(webLogin(registry, registry.adminPassword()).statusCode()).isEqualTo(303);
            // the right password cleared the count: a typo afterwards is a plain 401 again
            assertThat(wrong.get("/api/plugins").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void bogusBearerTokensAndOtherUserNamesDoNotCountAgainstTheAdmin() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().start()) {
            RegistryClient bogus = registry.withToken("reg_not-a-real-token");
            for (int i = 0; i < 20; i++) {
                assertThat(bogus.get("/api/plugins").statusCode()).isEqualTo(401);
            }
            RegistryClient root = RegistryClient.basic(registry.server().baseUri(), "root", "toor");
            for (int i = 0; i < 10; i++) {
                root.get("/api/plugins");
            }
            RegistryClient typo = RegistryClient.basic(registry.server().baseUri(), "admin", "typo");
            assertThat(typo.get("/api/plugins").statusCode()).as("the admin's own failures start at zero").isEqualTo(401);
            assertThat(root.get("/api/plugins").statusCode()).as("invented names are throttled too").isEqualTo(429);
            assertThat(registry.admin().get("/api/plugins").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> webLogin(RegistryExtension registry, String password) {
        return registry.anonymous().form("/login", Map.of("username", "admin", "password", password, "next", "/"));
    }
}
