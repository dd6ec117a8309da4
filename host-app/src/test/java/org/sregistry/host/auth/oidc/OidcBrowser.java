package org.sregistry.host.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.web.pages.OidcLoginResource;

/**
 * A browser signing in to a registry with "Sign in with Globus" at the simulator: java.net.http, no redirects
 * followed, cookies of the registry only (the simulator runs on the same host, another port) kept by hand.
 */
class OidcBrowser {
    final RegistryExtension registry;
    final GlobusSimulator sim;
    final Map<String, String> cookies = new LinkedHashMap<>();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    OidcBrowser(RegistryExtension registry, GlobusSimulator sim) {
        this.registry = registry;
        this.sim = sim;
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(registry.server().baseUri().resolve(path));
    }

    HttpResponse<String> get(URI uri) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("Accept", "text/html");
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        for (String c : r.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || c.toLowerCase().contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return r;
    }

    /** /login/oidc → the simulator's authorize page → its identity picker; the callback URI it redirects to. */
    URI toCallback(String next, String identity) throws Exception {
        HttpResponse<String> start = get("/login/oidc?next=" + OidcLoginIT.enc(next));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(303);
        assertThat(cookies).containsKey(OidcLoginResource.COOKIE);
        String setCookie = start.headers().allValues("Set-Cookie").get(0);
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/login/oidc");
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(sim.issuer());
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(authorize).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Map<String, String> form = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
                .matcher(page.body());
        while (m.find()) {
            form.put(m.group(1), OidcFlowIT.unescape(m.group(2)));
        }
        if (identity != null) {
            form.put("identity", identity);
        }
        form.put("decision", "allow");
        String body = form.entrySet().stream()
                .map(e -> OidcLoginIT.enc(e.getKey()) + "=" + OidcLoginIT.enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(sim.baseUri().resolve("/auth/v2/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isBetween(300, 399);
        URI callback = URI.create(reply.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith(registry.server().baseUri() + "login/oidc/callback?");
        return callback;
    }

    /** A whole sign-in; the registry's answer to the callback. */
    HttpResponse<String> signIn(String next, String identity) throws Exception {
        return get(toCallback(next, identity));
    }

    /** {@code /} as this browser: 200 and the page (with the signed-in user's name in the menu). */
    String home() throws Exception {
        assertThat(cookies).containsKey("registry_session");
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        return home.body();
    }
}
