package org.sregistry.host.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;
import org.sregistry.host.users.Role;
import org.sregistry.registry.sif.SifWriter;

/** The audit log through a real server: what is recorded, by whom, from where; /audit and GET /api/audit. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_VALUE = "s3cret-value-never-stored";

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).build();

    @TempDir
    static Path files;

    private static RegistryClient browser;

    private static JsonNode audit(String query) throws Exception {
        HttpResponse<String> r = registry.admin().get("/api/audit" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<JsonNode> events(String query) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        audit(query).path("events").forEach(list::add);
        return list;
    }

    /** The newest event with this action and target. */
    private static JsonNode find(String action, String target) throws Exception {
        registry.server().audit().flush(); // pulls are written in the background
        return events("?limit=500&action=" + action).stream()
                .filter(e -> target.equals(e.path("target").asText(null))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " " + target));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    @Order(100)
    void theAuditPageWithoutFiltersPagesBack() {
        for (int i = 0; i < 60; i++) {
            registry.server().audit().record("test.filler", "t" + i, org.sregistry.host.audit.Audit.Outcome.OK, Map.of());
        }
        registry.server().audit().flush();
        HttpResponse<String> page = registry.browser().get("/audit");
        assertThat(page.statusCode()).as("no filter set, more than one page").isEqualTo(200);
        assertThat(page.body()).contains("/audit?before=");
    }

    @Test
    @Order(1)
    void signInsFailedAndGoodAreRecordedWithAddress() throws Exception {
        HttpResponse<String> wrong = registry.anonymous().form("/login",
                Map.of("username", "<script>alert(1)</script>", "password", "nope", "next", "/"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        browser = registry.browser();

        JsonNode failed = find("auth.sign_in", "<script>alert(1)</script>");
        assertThat(failed.path("outcome").asText()).isEqualTo("failed");
        assertThat(failed.path("actor").isNull()).isTrue();
        assertThat(failed.path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(failed.path("details").path("method").asText()).isEqualTo("password");
        assertThat(Instant.parse(failed.path("at").asText())).isBefore(Instant.now().plusSeconds(1));

        JsonNode ok = find("auth.sign_in", "admin");
        assertThat(ok.path("outcome").asText()).isEqualTo("ok");
        assertThat(ok.path("actor").asText()).isEqualTo("admin");
        assertThat(ok.path("address").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    @Order(2)
    void basicFailuresAreRecordedButNotBasicSuccesses() throws Exception {
        int before = events("?limit=500&action=auth.sign_in").size();
        assertThat(registry.admin().get("/api/containers").statusCode()).isEqualTo(200);
        assertThat(registry.as("admin", "wrong-password").get("/api/containers").statusCode()).isEqualTo(401);
        List<JsonNode> after = events("?limit=500&action=auth.sign_in");
        assertThat(after).hasSize(before + 1);
        assertThat(after.get(0).path("outcome").asText()).isEqualTo("failed");
        assertThat(after.get(0).path("target").asText()).isEqualTo("admin");
        assertThat(after.get(0).path("details").path("method").asText()).isEqualTo("basic");
        assertThat(after.get(0).path("actor").isNull()).isTrue();
    }

    @Test
    @Order(3)
    void tokensSettingsAndPluginTogglesAreRecordedWithoutSecrets() throws Exception {
        assertThat(browser.form("/settings/tokens", Map.of("name", "ci")).statusCode()).isEqualTo(200);
        assertThat(browser.form("/settings/tokens/ci/delete", Map.of()).statusCode()).isEqualTo(200);
        assertThat(find("auth.token.create", "ci").path("actor").asText()).isEqualTo("admin");
        assertThat(find("auth.token.delete", "ci").path("outcome").asText()).isEqualTo("ok");

        assertThat(browser.form("/settings/plugins/sample", Map.of("enabled", "true")).statusCode()).isEqualTo(200);
        assertThat(browser.form("/settings/plugins/sample", Map.of("enabled", "false")).statusCode()).isEqualTo(200);
        assertThat(browser.form("/settings/plugins/sample", Map.of("enabled", "true")).statusCode()).isEqualTo(200);
        JsonNode enabled = find("plugin.enable", "sample");
        assertThat(enabled.path("actor").asText()).isEqualTo("admin");
        assertThat(enabled.path("details").path("state").asText()).isNotEmpty();
        assertThat(find("plugin.disable", "sample").path("outcome").asText()).isEqualTo("ok");

        HttpResponse<String> plain = browser.form("/settings/options", Map.of("key", "REGISTRY_AUDIT_DAYS", "value", "400"));
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        JsonNode days = find("settings.change", "REGISTRY_AUDIT_DAYS");
        assertThat(days.path("details").path("value").asText()).isEqualTo("400");
        assertThat(days.path("address").asText()).isEqualTo("127.0.0.1");

        HttpResponse<String> secret = browser.form("/settings/options", Map.of("key", "PLUGIN_SAMPLE_TOKEN",
                "value", SECRET_VALUE));
        assertThat(secret.statusCode()).as(secret.body()).isEqualTo(200);
        JsonNode saved = find("settings.change", "PLUGIN_SAMPLE_TOKEN");
        assertThat(saved.path("outcome").asText()).isEqualTo("ok");
        assertThat(registry.admin().get("/api/audit?limit=500").body()).doesNotContain(SECRET_VALUE);
    }

    @Test
    @Order(4)
    void restPushPullAndDeleteAreRecorded() throws Exception {
        Path sif = files.resolve("a.sif");
        SifWriter.write(sif, "moo".repeat(1000).getBytes(), "amd64", Instant.parse("2024-03-01T10:00:00Z"),
                UUID.fromString("3a42f43c-1744-40dc-9b16-753d8e1589fa"));
        RegistryClient admin = registry.admin();
        HttpResponse<String> put = admin.send(admin.request("/api/containers/lab/tool:1")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(sif))));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(admin.sendBytes(admin.request("/api/container/lab/tool:1/download").GET()).statusCode()).isEqualTo(200);
        // a resumed download (a later range) is not another pull
        assertThat(admin.sendBytes(admin.request("/api/container/lab/tool:1/download").header("Range", "bytes=10-")
                .GET()).statusCode()).isEqualTo(206);
        assertThat(admin.send(admin.request("/api/container/lab/tool:1").DELETE()).statusCode()).isEqualTo(204);

        JsonNode push = find("image.push", "lab/tool:1");
        assertThat(push.path("actor").asText()).isEqualTo("admin");
        assertThat(push.path("address").asText()).isEqualTo("127.0.0.1");
        JsonNode pull = find("image.pull", "lab/tool:1");
        assertThat(pull.path("actor").asText()).isEqualTo("admin");
        assertThat(pull.path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(events("?limit=500&action=image.pull").stream()
                .filter(e -> e.path("target").asText().equals("lab/tool:1")).count()).isEqualTo(1);
        assertThat(find("image.delete", "lab/tool:1").path("outcome").asText()).isEqualTo("ok");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String pushBlob(RegistryClient client, String repo, byte[] bytes) throws Exception {
        String digest = sha256(bytes);
        HttpResponse<String> r = client.send(client.request("/v2/" + repo + "/blobs/uploads/?digest=" + digest)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return digest;
    }

    @Test
    @Order(5)
    void ociPushPullAndDeleteAreRecordedWithTheUserOfTheCredentials() throws Exception {
        registry.createUser("carol", Role.ADMIN, "carol-password-1");
        RegistryClient carol = registry.as("carol", "carol-password-1");
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = "layer bytes".getBytes(StandardCharsets.UTF_8);
        String configDigest = pushBlob(carol, "oci/app", config);
        String layerDigest = pushBlob(carol, "oci/app", layer);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length
                + ",\"digest\":\"" + configDigest + "\"},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"size\":" + layer.length + ",\"digest\":\"" + layerDigest + "\"}]}";
        HttpResponse<String> put = carol.send(carol.request("/v2/oci/app/manifests/v1")
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        // blobs and HEAD are not pulls; one GET of the manifest is
        assertThat(carol.send(carol.request("/v2/oci/app/blobs/" + layerDigest).GET()).statusCode()).isEqualTo(200);
        assertThat(carol.send(carol.request("/v2/oci/app/manifests/v1")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        assertThat(carol.send(carol.request("/v2/oci/app/manifests/v1").GET()).statusCode()).isEqualTo(200);
        assertThat(carol.send(carol.request("/v2/oci/app/manifests/v1").DELETE()).statusCode()).isEqualTo(202);

        JsonNode push = find("image.push", "oci/app:v1");
        assertThat(push.path("actor").asText()).isEqualTo("carol");
        assertThat(push.path("address").asText()).isEqualTo("127.0.0.1");
        JsonNode pull = find("image.pull", "oci/app:v1");
        assertThat(pull.path("actor").asText()).isEqualTo("carol");
        assertThat(events("?limit=500&actor=carol&action=image.pull")).hasSize(1);
        assertThat(find("image.delete", "oci/app:v1").path("actor").asText()).isEqualTo("carol");
    }

    @Test
    @Order(6)
    void filtersAndPagingWork() throws Exception {
        List<JsonNode> images = events("?limit=500&action=image.");
        assertThat(images).isNotEmpty().allSatisfy(e -> assertThat(e.path("action").asText()).startsWith("image."));
        assertThat(events("?limit=500&actor=carol")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("actor").asText()).isEqualTo("carol"));
        assertThat(events("?since=" + enc(Instant.now().plusSeconds(3600).toString()))).isEmpty();
        assertThat(events("?until=2000-01-01")).isEmpty();
        assertThat(events("?since=2000-01-01&limit=500")).hasSizeGreaterThan(5);

        List<JsonNode> all = events("?limit=500");
        JsonNode first = audit("?limit=2");
        assertThat(first.path("events")).hasSize(2);
        String next = first.path("next").asText();
        JsonNode second = audit("?limit=2&before=" + enc(next));
        assertThat(second.path("events").get(0).path("at").asText() + second.path("events").get(0).path("action"))
                .isEqualTo(all.get(2).path("at").asText() + all.get(2).path("action"));
        assertThat(audit("?limit=500").path("next").isNull()).isTrue();
    }

    @Test
    @Order(7)
    void badParametersAreA400NamingThem() throws Exception {
        for (String[] c : new String[][] {{"since", "yesterday"}, {"until", "2024-13-01"}, {"limit", "0"},
                {"limit", "501"}, {"limit", "x"}, {"before", "nope"}}) {
            HttpResponse<String> r = registry.admin().get("/api/audit?" + c[0] + "=" + c[1]);
            assertThat(r.statusCode()).as(c[0] + "=" + c[1]).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("parameter").asText()).isEqualTo(c[0]);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        }
    }

    @Test
    @Order(8)
    void theAuditPageRendersEscapesAndIsForAdminsOnly() throws Exception {
        HttpResponse<String> page = browser.get("/audit");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Audit log", "auth.sign_in", "image.push", "lab/tool:1",
                        "&lt;script&gt;alert(1)&lt;/script&gt;", "href=\"/audit\"")
                .doesNotContain("<script>alert(1)</script>", SECRET_VALUE);

        HttpResponse<String> filtered = browser.get("/audit?actor=carol&action=image.&from=2000-01-01");
        assertThat(filtered.statusCode()).isEqualTo(200);
        assertThat(filtered.body()).contains("oci/app:v1").doesNotContain("lab/tool:1");
        assertThat(browser.get("/audit?from=yesterday").statusCode()).isEqualTo(400);

        registry.createUser("dave", Role.USER, "dave-password-1");
        assertThat(registry.as("dave", "dave-password-1").get("/api/audit").statusCode()).isEqualTo(403);
        assertThat(registry.browserAs("dave", "dave-password-1").get("/audit").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(9)
    void signOutIsRecorded() throws Exception {
        assertThat(browser.form("/logout", Map.of()).statusCode()).isEqualTo(303);
        assertThat(find("auth.sign_out", "admin").path("actor").asText()).isEqualTo("admin");
    }
}
