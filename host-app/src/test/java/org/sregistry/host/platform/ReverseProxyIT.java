package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sregistry.host.testkit.RawHttp;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.registry.sif.SifWriter;

/**
 * Behind a TLS reverse proxy: REGISTRY_PUBLIC_URL and REGISTRY_TRUSTED_PROXIES. Every request in
 * these tests comes from 127.0.0.1, which plays the proxy when it is trusted and a client when not.
 */
class ReverseProxyIT {
    private static final String PUBLIC = "https://registry.example.org/";

    @Test
    void anHttpsPublicUrlMakesTheSessionCookieSecure() throws Exception {
        try (RegistryExtension plain = RegistryExtension.builder().start();
             RegistryExtension tls = RegistryExtension.builder().env("REGISTRY_PUBLIC_URL", PUBLIC).start()) {
            assertThat(sessionCookie(plain, Map.of())).doesNotContain("Secure");
            assertThat(sessionCookie(tls, Map.of())).contains("Secure", "HttpOnly", "SameSite=Lax");
        }
    }

    @Test
    void forwardedHeadersCountOnlyFromTrustedProxies() throws Exception {
        Map<String, String> viaTls = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7");
        try (RegistryExtension untrusted = RegistryExtension.builder().start();
             RegistryExtension trusted = RegistryExtension.builder().env("REGISTRY_TRUSTED_PROXIES", "127.0.0.1, ::1").start()) {
            assertThat(sessionCookie(untrusted, viaTls)).as("anyone can send X-Forwarded-Proto").doesNotContain("Secure");
            assertThat(sessionCookie(trusted, viaTls)).as("the proxy says the client used https").contains("Secure");
        }
    }

    @Test
    void theLoginThrottleSeesTheClientBehindATrustedProxyAndIgnoresWhatClientsClaim() throws Exception {
        try (RegistryExtension untrusted = RegistryExtension.builder().start();
             RegistryExtension trusted = RegistryExtension.builder().env("REGISTRY_TRUSTED_PROXIES", "127.0.0.1").start()) {
            for (int i = 0; i < 7; i++) {
                wrongLogin(trusted, "203.0.113.7");
            }
            assertThat(wrongLogin(trusted, "203.0.113.7")).isEqualTo(429);
            assertThat(wrongLogin(trusted, "203.0.113.8")).as("another client behind the proxy").isEqualTo(401);
            // proxies append: the left-most entry is what the client sent, the right-most the proxy saw
            assertThat(wrongLogin(trusted, "198.51.100.1, 203.0.113.7")).as("a made-up left entry changes nothing")
                    .isEqualTo(429);

            for (int i = 0; i < 7; i++) {
                wrongLogin(untrusted, "203.0.113.7");
            }
            assertThat(wrongLogin(untrusted, "203.0.113.8")).as("X-Forwarded-For from a non-proxy is ignored")
                    .isEqualTo(429);
        }
    }

    @Test
    void onlyItsOwnHostNamesAreAnswered() throws Exception {
        try (RegistryExtension local = RegistryExtension.builder().start();
             RegistryExtension proxied = RegistryExtension.builder().env("REGISTRY_PUBLIC_URL", PUBLIC)
                     .env("REGISTRY_TRUSTED_PROXIES", "127.0.0.1").start()) {
            int port = local.server().baseUri().getPort();
            assertThat(health(local, "evil.example")).isEqualTo(421);
            assertThat(health(local, "registry.example.org")).as("no public URL: no names but localhost").isEqualTo(421);
            assertThat(health(local, "localhost:" + port)).isEqualTo(200);
            assertThat(health(local, "127.0.0.1:" + port)).isEqualTo(200);
            assertThat(health(proxied, "registry.example.org")).isEqualTo(200);
            assertThat(health(proxied, "REGISTRY.example.org.")).isEqualTo(200);
            assertThat(health(proxied, "evil.example")).isEqualTo(421);
            RawHttp.Answer forwardedEvil = RawHttp.send(proxied.server().baseUri(), "GET", "/health",
                    List.of("Host: 127.0.0.1", "X-Forwarded-Host: evil.example"), "");
            assertThat(forwardedEvil.status()).as("the forwarded host is checked too").isEqualTo(421);
            assertThat(forwardedEvil.body()).contains("misdirected_request").doesNotContain("evil.example");
        }
    }

    @Test
    void behindAProxyThatRewritesHostTheBrowsersOriginIsThePublicUrl() throws Exception {
        try (RegistryExtension proxied = RegistryExtension.builder().env("REGISTRY_PUBLIC_URL", PUBLIC).start()) {
            // the cookie is Secure (the public URL is https): sent by hand, as the browser would over TLS
            String cookie = sessionCookie(proxied, Map.of()).split(";")[0];
            RegistryClient browser = proxied.anonymous();
            String home = browser.send(browser.request("/").header("Cookie", cookie).GET()).body();
            String csrf = home.replaceAll("(?s).*<meta name=\"csrf-token\" content=\"([^\"]*)\">.*", "$1");
            HttpResponse<String> sameSite = browser.send(browser.request("/settings/tokens").header("Cookie", cookie)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "https://registry.example.org")
                    .POST(HttpRequest.BodyPublishers.ofString("name=from-the-browser&_csrf=" + csrf)));
            assertThat(sameSite.statusCode()).isEqualTo(200);
            HttpResponse<String> crossSite = browser.send(browser.request("/settings/tokens").header("Cookie", cookie)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("name=planted&_csrf=" + csrf)));
            assertThat(crossSite.statusCode()).isEqualTo(403);
            assertThat(proxied.adminTokenNames()).contains("from-the-browser").doesNotContain("planted");
            // redirects stay relative: an absolute one would name the proxy's upstream address
            HttpResponse<String> redirect = proxied.anonymous().send(proxied.anonymous().request("/settings")
                    .header("Accept", "text/html").GET());
            assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/login"));
        }
    }

    @Test
    void theImagePageShowsThePullCommandForTheAddressUsersOpen() throws Exception {
        try (RegistryExtension plain = RegistryExtension.builder().start();
             RegistryExtension tls = RegistryExtension.builder().env("REGISTRY_PUBLIC_URL", PUBLIC).start();
             RegistryExtension lan = RegistryExtension.builder().env("REGISTRY_PUBLIC_URL", "http://Registry.lan:8080/")
                     .start()) {
            for (RegistryExtension registry : List.of(plain, tls, lan)) {
                addLolcow(registry);
            }
            int port = plain.server().baseUri().getPort();
            assertThat(pullCommand(tls, "127.0.0.1:" + tls.server().baseUri().getPort()))
                    .as("the public URL, not the address the proxy used").isEqualTo(
                            "apptainer pull oras://registry.example.org/demo/lolcow:latest");
            assertThat(pullCommand(lan, "127.0.0.1:" + lan.server().baseUri().getPort()))
                    .as("a plain-http public URL needs --no-https").isEqualTo(
                            "apptainer pull --no-https oras://registry.lan:8080/demo/lolcow:latest");
            assertThat(pullCommand(plain, "localhost:" + port)).as("no public URL: the Host the browser sent")
                    .isEqualTo("apptainer pull --no-https oras://localhost:" + port + "/demo/lolcow:latest");
            assertThat(pullCommand(plain, "127.0.0.1:" + port))
                    .isEqualTo("apptainer pull --no-https oras://127.0.0.1:" + port + "/demo/lolcow:latest");
        }
    }

    @Test
    void anInvalidPublicUrlOrProxyListRefusesTheStartNamingTheKey() {
        for (Map.Entry<String, String> bad : Map.of("REGISTRY_PUBLIC_URL", "https://registry.example.org/registry/",
                "REGISTRY_TRUSTED_PROXIES", "proxy.example.org").entrySet()) {
            try (RegistryExtension registry = RegistryExtension.builder().env(bad.getKey(), bad.getValue()).build()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(registry::start).hasMessageContaining(bad.getKey());
            }
        }
    }

    private static String sessionCookie(RegistryExtension registry, Map<String, String> headers) {
        RegistryClient anonymous = registry.anonymous();
        HttpRequest.Builder login = anonymous.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&next=/&password="
                        + java.net.URLEncoder.encode(registry.adminPassword(), java.nio.charset.StandardCharsets.UTF_8)));
        headers.forEach(login::header);
        HttpResponse<String> answer = anonymous.send(login);
        assertThat(answer.statusCode()).isEqualTo(303);
        return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("registry_session="))
                .findFirst().orElseThrow();
    }

    private static void addLolcow(RegistryExtension registry) throws Exception {
        Path sif = registry.dataDir().resolveSibling(registry.dataDir().getFileName() + "-lolcow.sif");
        SifWriter.write(sif, "moo".getBytes(StandardCharsets.US_ASCII));
        RegistryClient admin = registry.admin();
        HttpResponse<String> put = admin.send(admin.request("/api/containers/demo/lolcow:latest")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(sif))));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        Files.delete(sif);
    }

    /** The pull command on demo/lolcow:latest's page, as a browser sending {@code Host: host} sees it. */
    private static String pullCommand(RegistryExtension registry, String host) {
        // the session cookie by hand: it is Secure where the public URL is https
        String cookie = sessionCookie(registry, Map.of()).split(";")[0];
        RawHttp.Answer page = RawHttp.send(registry.server().baseUri(), "GET", "/container/demo/lolcow:latest",
                List.of("Host: " + host, "Cookie: " + cookie), "");
        assertThat(page.status()).isEqualTo(200);
        Matcher command = Pattern.compile("<code id=\"pull-command\">([^<]*)</code>").matcher(page.body());
        assertThat(command.find()).as("the pull command on the page").isTrue();
        return command.group(1);
    }

    private static int wrongLogin(RegistryExtension registry, String forwardedFor) {
        RegistryClient anonymous = registry.anonymous();
        return anonymous.send(anonymous.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=wrong&next=/"))).statusCode();
    }

    private static int health(RegistryExtension registry, String host) {
        return RawHttp.send(registry.server().baseUri(), "GET", "/health", List.of("Host: " + host), "").status();
    }
}
