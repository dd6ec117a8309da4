package org.sregistry.globus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.sregistry.globus.config.GlobusKeys;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.registry.sif.SifWriter;

/**
 * A registry with the plugin, connected to an in-process simulator through the JSON login API, with its own
 * endpoint rooted at the staging folder ({@code /~/} as the endpoint sees it).
 */
final class GlobusFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final SimGlobus globus;
    final RegistryExtension registry;
    final Endpoint registryEndpoint;
    final Path staging;

    private GlobusFixture(SimGlobus globus, RegistryExtension registry, Endpoint registryEndpoint, Path staging) {
        this.globus = globus;
        this.registry = registry;
        this.registryEndpoint = registryEndpoint;
        this.staging = staging;
    }

    /** Starts the simulator and the registry, and connects them. */
    static GlobusFixture start(Path dir) throws Exception {
        SimGlobus globus = SimGlobus.start(dir.resolve("sim"));
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Endpoint own = globus.sim.createEndpoint(EndpointSpec.named("Registry staging")
                .owner(globus.sim.defaultUsername()).root(staging));
        RegistryExtension.Builder builder = RegistryExtension.builder().plugin(PluginJar.path()).enable("globus");
        globus.registrySettings().forEach(builder::config);
        builder.config(GlobusKeys.ENDPOINT, own.id).config(GlobusKeys.STAGING_DIR, staging.toString())
                .config(GlobusKeys.STAGING_PATH, "/~/");
        RegistryExtension registry = builder.start();
        GlobusFixture fixture = new GlobusFixture(globus, registry, own, staging);
        fixture.connect();
        return fixture;
    }

    /** Logs the registry in to Globus through {@code POST /api/globus/login}. */
    void connect() throws IOException {
        RegistryClient admin = registry.admin();
        HttpResponse<String> started = admin.postJson("/api/globus/login", "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode login = JSON.readTree(started.body());
        String code = globus.approve(login.path("authorize_url").asText());
        HttpResponse<String> done = admin.postJson("/api/globus/login/" + login.path("login_id").asText(),
                "{\"code\":\"" + code + "\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(JSON.readTree(done.body()).path("connected").asBoolean()).isTrue();
    }

    /** Writes a small SIF file. */
    static Path sif(Path file, String payload) throws IOException {
        Files.createDirectories(file.getParent());
        SifWriter.write(file, payload.repeat(2000).getBytes(), "amd64", Instant.parse("2024-03-01T10:00:00Z"),
                UUID.nameUUIDFromBytes(payload.getBytes()));
        return file;
    }

    /** Uploads an image; answers its URI without version. */
    String upload(String name, String payload, Path scratch) throws IOException {
        Path file = sif(scratch.resolve(name.replace('/', '_').replace(':', '_') + ".sif"), payload);
        RegistryClient admin = registry.admin();
        HttpResponse<String> put = admin.send(admin.request("/api/containers/" + name)
                .PUT(HttpRequest.BodyPublishers.ofFile(file)));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        return name;
    }

    /** Parses JSON. */
    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        registry.close();
        globus.close();
    }
}
