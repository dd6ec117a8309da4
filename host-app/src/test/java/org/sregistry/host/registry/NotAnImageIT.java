package org.sregistry.host.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.ImageQuery;
import org.sregistry.api.UnsupportedImageException;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.RegistryProcess;

/** A text file is not an image: refused on upload, by the CLI and for plugins, unless its collection takes any file. */
class NotAnImageIT {

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().config("REGISTRY_ANY_FILE_COLLECTIONS", "docs").build();

    @TempDir
    Path work;

    @Test
    void theRestApiAnswers415NamingTheProblem() {
        RegistryClient admin = registry.admin();
        HttpResponse<String> refused = admin.send(admin.request("/api/containers/demo/readme:latest")
                .PUT(HttpRequest.BodyPublishers.ofString("Alice's scratch space.\n")));
        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(refused.body()).contains("\"error\":\"unsupported_image\"", "not a container image",
                "demo/readme:latest", "REGISTRY_ANY_FILE_COLLECTIONS");
        assertThat(admin.get("/api/container/demo/readme:latest").statusCode()).isEqualTo(404);

        HttpResponse<String> docs = admin.send(admin.request("/api/containers/docs/readme:latest")
                .PUT(HttpRequest.BodyPublishers.ofString("Alice's scratch space.\n")));
        assertThat(docs.statusCode()).as("a collection configured to take any file").isEqualTo(201);
    }

    @Test
    void imagesPushSaysWhyAndExitsWithOne() throws Exception {
        Path text = Files.writeString(work.resolve("notanimage.txt"), "hello\n");
        RegistryProcess.Result push = RegistryProcess.run(work, Map.of(), "", "images", "push", text.toString(),
                "--name", "demo/notanimage:v1", "--url", registry.server().baseUri().toString(),
                "--user", "admin", "--password", registry.adminPassword());
        assertThat(push.code()).isEqualTo(1);
        assertThat(push.out()).doesNotContain("pushed");
        assertThat(push.errLines()).hasSize(1).allSatisfy(line -> assertThat(line)
                .contains("notanimage.txt was not pushed", "not a container image", "HTTP 415"));
    }

    @Test
    void pluginsGetAnUnsupportedImageException() throws Exception {
        Path text = Files.writeString(work.resolve("README.txt"), "not an image\n");
        var plugin = registry.server().registry().forPlugin("some-plugin");
        assertThatThrownBy(() -> plugin.add(text, "test/readme:v1", Map.of()))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining("README.txt is not a container image");
        assertThat(registry.server().registry().list(new ImageQuery("readme", ImageQuery.Sort.NAME, 10, 0)).items())
                .noneMatch(i -> i.name().collection().equals("test"));
    }
}
