package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RawHttp;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;

/**
 * Nothing behind the login is reachable through a public prefix: every public path and prefix,
 * combined with every way to write "go up one segment", in front of every kind of protected
 * route (host servlet, host page, host API, plugin page and API). Sent raw, the way
 * {@code curl --path-as-is} sends them.
 */
class PathNormalisationIT {

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample").build();

    static final List<String> PUBLIC = List.of("/static/", "/static/host/", "/static/sample/", "/webjars/",
            "/webjars/htmx.org/", "/login/", "/health/", "/favicon.ico/", "/login;x/", "/static;x/", "/health;/");
    static final List<String> UP = List.of("../", "./../", "..;/", ".;/../", "%2e%2e/", "%2E%2E/", ".%2e/", "%2e./",
            "..%2f", "..%2F", "..%5c", "..\\", "%2e%2e%2f", "..//", ".././", "%252e%252e/", "..%00/", "..%c0%af",
            "%c0%ae%c0%ae/", "..;jsessionid=x/");
    /** Protected routes, each with a text only its real answer contains. */
    static final Map<String, String> PROTECTED = Map.of(
            "metrics", "# HELP",
            "api/plugins", "\"state\"",
            "settings", "API tokens",
            "logs", "The last 64 KiB of",
            "api/containers", "\"items\"",
            "api/sample/hello", "\"greeting\"",
            "sample", "id=\"greeting\"");

    @Test
    void noPublicPrefixLeadsBehindTheLogin() {
        List<Probe> targets = new ArrayList<>();
        for (String prefix : PUBLIC) {
            for (String up : UP) {
                for (String route : PROTECTED.keySet()) {
                    targets.add(new Probe(prefix + up + route, route));
                    targets.add(new Probe(prefix + up + up + route, route)); // two levels (from /static/host/)
                }
            }
        }
        for (String route : PROTECTED.keySet()) {
            for (String variant : List.of("//%s", "/./%s", "/%s;x", "/%s%%00", "/%s/.", "/x/../%s", "/%s;.css",
                    "/%s/..;/static/", "/.%%2e/%s")) {
                targets.add(new Probe(String.format(variant, route), route));
            }
        }
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> leaks = new ArrayList<>();
        for (Probe probe : targets) {
            for (String method : List.of("GET", "POST")) {
                RawHttp.Answer answer = RawHttp.send(registry.server().baseUri(), method, probe.target(),
                        List.of("Host: " + registry.server().baseUri().getAuthority()), "");
                byStatus.merge(answer.status(), 1, Integer::sum);
                if (answer.status() / 100 == 2 || answer.body().contains(PROTECTED.get(probe.route()))) {
                    leaks.add(method + " " + probe.target() + " -> " + answer.status());
                }
            }
        }
        System.out.println("path probe: " + targets.size() * 2 + " requests, answers by status " + byStatus);
        assertThat(leaks).isEmpty();
    }

    @Test
    void dotSegmentsAreRefusedWith400() {
        for (String target : List.of("/static/../metrics", "/webjars/../metrics", "/static/./../metrics",
                "/login/../api/plugins", "/static;x/../metrics", "/metrics;x")) {
            RawHttp.Answer answer = RawHttp.get(registry.server().baseUri(), target);
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.body()).as(target).contains("\"error\":\"bad_path\"");
        }
    }

    @Test
    void decisionsAreMadeOnThePathJettyServes() {
        // %6d is 'm': the metrics servlet serves it, so the login check must see /metrics too
        RawHttp.Answer encoded = RawHttp.get(registry.server().baseUri(), "/%6detrics");
        assertThat(encoded.status()).isEqualTo(401);
        assertThat(encoded.body()).doesNotContain("# HELP");
        // public assets still load, with or without harmless encoding
        assertThat(RawHttp.get(registry.server().baseUri(), "/static/host/app.css").status()).isEqualTo(200);
        assertThat(RawHttp.get(registry.server().baseUri(), "/static/host/%61pp.css").status()).isEqualTo(200);
    }

    private record Probe(String target, String route) {
    }
}
