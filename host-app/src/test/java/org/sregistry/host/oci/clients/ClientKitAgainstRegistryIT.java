package org.sregistry.host.oci.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import land.oras.Manifest;
import land.oras.auth.BearerTokenProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.oci.clients.OciLayouts.ImageManifest;
import org.sregistry.host.oci.clients.OciLayouts.OciImage;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * The OCI client contract against this registry, logged in as the admin with HTTP Basic
 * credentials: skopeo and podman ({@code --creds admin:PW}) ping {@code /v2/}, get the Bearer
 * challenge and swap the login for a token at {@code /v2/token}; oras-java
 * ({@code defaults("admin", PW)}) sends Basic with every request, which {@code /v2/} accepts
 * directly. On top of the contract, what matters for this product: a SIF pushed with oras-java
 * (here through the token endpoint, {@link OrasTokenFlow}) is a registry image, an image uploaded
 * through the REST API is pulled with oras-java byte for byte, a container image pushed with
 * podman is an OCI repository but no registry image, and an API token is a Bearer token the
 * clients can send as it is.
 *
 * <p>No second subclass logs in with an API token as the Basic password: {@code /v2/} and the
 * token endpoint take only the admin password over Basic; an API token is sent as
 * {@code Authorization: Bearer} ({@link #anApiTokenIsABearerTokenSkopeoAndOrasJavaSendAsItIs}).
 */
class ClientKitAgainstRegistryIT extends OciClientContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN_REQUESTS = Pattern.compile(
            "(?m)^http_server_requests_seconds_count\\{([^}]*)\\}\\s+([0-9.eE+]+)$");

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().build();

    @Override
    protected String registryAuthority() {
        return registry.server().baseUri().getAuthority();
    }

    @Override
    protected Credentials credentials() {
        return new Credentials("admin", registry.adminPassword());
    }

    @Test
    void aSifPushedWithOrasJavaThroughTheTokenEndpointIsARegistryImage() throws IOException {
        Path sif = sif("tool.sif", 512 * 1024 + random.nextInt(4096));
        String repo = repository("oras-token");
        double tokensBefore = tokensIssued();
        Manifest pushed;
        try (OrasClient oras = OrasClient.withAuthProvider(registryAuthority(), new OrasTokenFlow(credentials()))) {
            pushed = oras.pushSifArtifact(repo + ":1.0", sif);
            assertThat(tokensIssued()).as("tokens issued by /v2/token for the push").isGreaterThan(tokensBefore);

            Path out = Files.createDirectories(work.resolve("pulled"));
            oras.pull(repo + ":1.0", out);
            assertThat(out.resolve("tool.sif")).hasSameBinaryContentAs(sif);
        }
        String layer = OciLayouts.sha256(sif);
        assertThat(pushed.getLayers()).singleElement().satisfies(l -> assertThat(l.getDigest()).isEqualTo(layer));

        HttpResponse<String> image = registry.admin().get("/api/container/" + repo + ":1.0");
        assertThat(image.statusCode()).as(image.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(image.body());
        assertThat(json.path("file_info").path("format").asText()).isEqualTo("sif");
        assertThat(json.path("version").asText()).as("the image's version is the layer digest").isEqualTo(layer);
        assertThat(json.path("size").asLong()).isEqualTo(Files.size(sif));
        HttpResponse<byte[]> download = registry.admin().sendBytes(
                registry.admin().request("/api/container/" + repo + ":1.0/download").GET());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).as("the registry image's file").isEqualTo(Files.readAllBytes(sif));
    }

    @Test
    void skopeoSwapsTheLoginForATokenAtTheTokenEndpoint() {
        Skopeo skopeo = skopeo();
        OciImage original = multiLayerImage("original");
        double before = tokensIssued();
        String repo = pushWithSkopeo(skopeo, original, "skopeo-token");
        double afterPush = tokensIssued();
        assertThat(afterPush).as("tokens issued by /v2/token for skopeo's push").isGreaterThan(before);

        OciImage back = new OciImage(work.resolve("back"), "back");
        skopeo.copy(docker(repo + ":1"), back.reference(), Skopeo.srcRegistry(credentials()));
        assertThat(tokensIssued()).as("tokens issued for skopeo's pull").isGreaterThan(afterPush);
        OciLayouts.assertSameImage(original, back);
    }

    @Test
    void anImageUploadedThroughTheRestApiIsPulledWithOrasJavaByteForByte() throws IOException {
        Path sif = sif("uploaded.sif", 768 * 1024 + random.nextInt(4096));
        String repo = repository("rest");
        HttpResponse<String> upload = registry.admin().send(registry.admin().request("/api/containers/" + repo + ":2.0")
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofFile(sif)));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);

        Path out = Files.createDirectories(work.resolve("pulled"));
        try (OrasClient oras = new OrasClient(registryAuthority(), credentials())) {
            oras.pull(repo + ":2.0", out);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(out)) {
            files = list.toList();
        }
        String name = repo.substring(repo.indexOf('/') + 1);
        assertThat(files).as("one file, titled NAME_TAG.sif").singleElement()
                .satisfies(f -> assertThat(f.getFileName().toString()).isEqualTo(name + "_2.0.sif"))
                .satisfies(f -> assertThat(f).hasSameBinaryContentAs(sif));
        ImageManifest served = servedManifest(repo + ":2.0");
        assertThat(served.layers()).singleElement().isEqualTo(new OciLayouts.Descriptor(
                OrasClient.SIF_LAYER_MEDIA_TYPE, OciLayouts.sha256(sif), Files.size(sif)));
        assertThat(servedManifest(repo + ":2.0").bytes()).as("the manifest made once and kept").isEqualTo(served.bytes());
    }

    @Test
    void aContainerImagePushedWithPodmanIsInTheCatalogButIsNoRegistryImage() throws IOException {
        String reason = Podman.unavailableReason();
        assumeTrue(reason == null, reason);
        Skopeo skopeo = skopeo();
        OciImage original = multiLayerImage("original");
        String source = pushWithSkopeo(skopeo, original, "podman-source");
        Podman podman = Podman.in(work.resolve("podman"));
        String ref = registryAuthority() + "/" + source + ":1";
        podman.pull("docker://" + ref, Podman.registry(credentials()));

        String pushed = repository("podman-image");
        podman.push(ref, docker(pushed + ":1"), Podman.registry(credentials()));

        assertThat(catalog()).contains(source, pushed);
        HttpResponse<String> image = registry.admin().get("/api/container/" + pushed + ":1");
        assertThat(image.statusCode()).as("a container image is not a registry image: " + image.body()).isEqualTo(404);
        HttpResponse<String> listed = registry.admin().get("/api/containers?q=" + pushed.substring(pushed.indexOf('/') + 1));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(pushed.substring(pushed.indexOf('/') + 1));
    }

    @Test
    void anApiTokenIsABearerTokenSkopeoAndOrasJavaSendAsItIs() throws IOException {
        String tokenName = "kit-" + java.util.UUID.randomUUID();
        String apiToken = registry.adminToken(tokenName);
        Skopeo skopeo = skopeo();
        OciImage original = multiLayerImage("original");
        String repo = repository("api-token");
        skopeo.copy(original.reference(), docker(repo + ":1"), "--dest-tls-verify=false", "--dest-registry-token", apiToken);
        OciImage back = new OciImage(work.resolve("back"), "back");
        skopeo.copy(docker(repo + ":1"), back.reference(), "--src-tls-verify=false", "--src-registry-token", apiToken);
        OciLayouts.assertSameImage(original, back);

        Path sif = sif("token.sif", 256 * 1024);
        String sifRepo = repository("api-token-sif");
        try (OrasClient oras = OrasClient.withAuthProvider(registryAuthority(), new BearerTokenProvider(apiToken))) {
            oras.pushSifArtifact(sifRepo + ":1.0", sif);
            Path out = Files.createDirectories(work.resolve("pulled"));
            oras.pull(sifRepo + ":1.0", out);
            assertThat(out.resolve("token.sif")).hasSameBinaryContentAs(sif);
        }
        assertThat(registry.admin().get("/api/container/" + sifRepo + ":1.0").statusCode()).isEqualTo(200);

        // a revoked token is refused at once
        assertThat(registry.revokeAdminToken(tokenName)).isTrue();
        Cli.Result refused = skopeo.run(List.of("inspect", "--raw", "--tls-verify=false", "--registry-token", apiToken,
                docker(repo + ":1")));
        assertThat(refused.succeeded()).as(refused.describe()).isFalse();
    }

    /** Every repository {@code /v2/_catalog} lists, following its Link pages. */
    private List<String> catalog() throws IOException {
        List<String> all = new ArrayList<>();
        String next = "/v2/_catalog?n=100";
        while (next != null) {
            HttpResponse<String> page = registry.admin().get(next);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JSON.readTree(page.body()).path("repositories").forEach(r -> all.add(r.asText()));
            next = page.headers().firstValue("Link").map(l -> l.substring(l.indexOf('<') + 1, l.indexOf('>'))).orElse(null);
        }
        return all;
    }

    /** How many tokens {@code /v2/token} has issued (its 200 answers), from the server's metrics. */
    private static double tokensIssued() {
        Matcher m = TOKEN_REQUESTS.matcher(registry.server().metricsText());
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains("uri=\"/v2/token\"") && m.group(1).contains("status=\"200\"")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
