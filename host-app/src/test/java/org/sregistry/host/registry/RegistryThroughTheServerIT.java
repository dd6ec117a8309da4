package org.sregistry.host.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
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
import org.sregistry.registry.sif.SifWriter;

/** The registry core as users meet it: REST with credentials, pages with a session, delete with CSRF. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryThroughTheServerIT {

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().build();

    @TempDir
    static Path files;

    static byte[] sifBytes;

    @Test
    @Order(1)
    void uploadNeedsCredentials() throws Exception {
        Path sif = files.resolve("lolcow.sif");
        SifWriter.write(sif, "moo".repeat(10_000).getBytes(), "amd64", Instant.parse("2024-03-01T10:00:00Z"),
                UUID.fromString("3a42f43c-1744-40dc-9b16-753d8e1589fa"));
        sifBytes = Files.readAllBytes(sif);
        HttpResponse<String> anonymous = registry.anonymous().send(registry.anonymous()
                .request("/api/containers/demo/lolcow:latest").PUT(HttpRequest.BodyPublishers.ofByteArray(sifBytes)));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\":\"unauthorized\"");
    }

    @Test
    @Order(2)
    void uploadListInspectDownload() throws Exception {
        RegistryClient admin = registry.admin();
        HttpResponse<String> put = admin.send(admin.request("/api/containers/demo/lolcow:latest")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(sifBytes)));
        assertThat(put.statusCode()).isEqualTo(201);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sifBytes));
        assertThat(put.body()).contains(digest);

        assertThat(admin.get("/api/containers?q=lolcow").body()).contains("demo/lolcow:latest@" + digest);
        HttpResponse<String> inspect = admin.get("/api/container/demo/lolcow:latest");
        assertThat(inspect.statusCode()).isEqualTo(200);
        assertThat(inspect.body()).contains("\"size\":" + sifBytes.length, "amd64");

        HttpResponse<byte[]> download = admin.sendBytes(admin.request("/api/container/demo/lolcow:latest/download").GET());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(sifBytes);
        assertThat(download.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).contains(digest));

        HttpResponse<byte[]> range = admin.sendBytes(admin.request("/api/container/demo/lolcow:latest/download")
                .header("Range", "bytes=0-9").GET());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).hasSize(10);
    }

    @Test
    @Order(3)
    void pagesShowTheImage() {
        RegistryClient browser = registry.browser();
        String home = browser.get("/").body();
        assertThat(home).contains("demo/lolcow:latest", "KiB").doesNotContain("empty-state");
        assertThat(browser.get("/?q=nomatch").body()).contains("No images match");
        String page = browser.get("/container/demo/lolcow:latest").body();
        assertThat(page).contains("demo/lolcow:latest@sha256:", "amd64", "/api/container/demo/lolcow:latest@sha256:",
                "data-confirm=\"Delete demo/lolcow:latest?");
        // plain http, no public URL: the address the browser used, and --no-https for Apptainer
        assertThat(page).contains("<code id=\"pull-command\">apptainer pull --no-https oras://"
                + browser.base().getAuthority() + "/demo/lolcow:latest</code>");
        assertThat(browser.get("/container/demo/nothere:latest").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void badNamesAndMissingImagesGetClearJsonErrors() {
        RegistryClient admin = registry.admin();
        HttpResponse<String> upper = admin.send(admin.request("/api/containers/demo/LolCow:latest")
                .PUT(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(upper.statusCode()).isEqualTo(400);
        assertThat(upper.body()).contains("\"error\"", "\"message\"");
        HttpResponse<String> missing = admin.get("/api/container/demo/nothere:latest");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error\"");
    }

    @Test
    @Order(5)
    void deleteFromThePageNeedsTheCsrfTokenThenRemovesTheImage() {
        RegistryClient browser = registry.browser();
        HttpResponse<String> forged = browser.formWithoutCsrf("/containers/delete", Map.of("uri", "demo/lolcow:latest"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(registry.admin().get("/api/container/demo/lolcow:latest").statusCode()).isEqualTo(200);

        HttpResponse<String> deleted = browser.form("/containers/delete", Map.of("uri", "demo/lolcow:latest"));
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(registry.admin().get("/api/container/demo/lolcow:latest").statusCode()).isEqualTo(404);
        assertThat(browser.get("/").body()).contains("empty-state", "images push");
    }
}
