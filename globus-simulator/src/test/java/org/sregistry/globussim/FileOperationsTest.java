package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FileOperationsTest extends SimulatorTestBase {
    Path root;
    String ep;

    @BeforeEach
    void seed() throws Exception {
        root = tmp.resolve("lab");
        Files.createDirectories(root.resolve("images/blobs"));
        Files.writeString(root.resolve("images/index.json"), "{\"a\": 1}");
        Files.writeString(root.resolve("images/.hidden"), "x");
        Files.writeString(root.resolve("images/lolcow.sif"), "y".repeat(100));
        ep = endpoint("Lab", root);
    }

    @Test
    void lsListsAFolderWithGlobusFields() {
        SimClient.Res r = http.get(X + "/operation/endpoint/" + ep + "/ls?path=/~/images/", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode list = r.json();
        assertThat(list.get("DATA_TYPE").asText()).isEqualTo("file_list");
        assertThat(list.get("endpoint").asText()).isEqualTo(ep);
        assertThat(list.get("path").asText()).isEqualTo("/~/images/");
        assertThat(list.get("absolute_path").isNull()).isTrue();
        assertThat(list.get("rename_supported").asBoolean()).isTrue();
        assertThat(list.get("symlink_supported").asBoolean()).isFalse();
        assertThat(list.get("length").asInt()).isEqualTo(4);
        assertThat(list.get("total").asInt()).isEqualTo(4);
        JsonNode index = null;
        for (JsonNode f : list.get("DATA")) if (f.get("name").asText().equals("index.json")) index = f;
        assertThat(index).isNotNull();
        assertThat(index.get("DATA_TYPE").asText()).isEqualTo("file");
        assertThat(index.get("type").asText()).isEqualTo("file");
        assertThat(index.get("size").asLong()).isEqualTo(8);
        assertThat(index.get("last_modified").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(index.get("permissions").asText()).matches("0[0-7]{3}");
        assertThat(index.fieldNames()).toIterable().contains("user", "group", "link_target", "link_size", "link_user",
                "link_group", "link_last_modified");
        assertThat(index.get("link_target").isNull()).isTrue();
    }

    @Test
    void lsHonoursShowHiddenPagingFilterAndDefaultDirectory() {
        assertThat(http.get(X + "/operation/endpoint/" + ep + "/ls?path=/~/images/&show_hidden=0", token).json()
                .get("total").asInt()).isEqualTo(3);
        assertThat(http.get(X + "/operation/endpoint/" + ep + "/ls?path=/~/images/&show_hidden=false", token).json()
                .get("total").asInt()).isEqualTo(3);
        JsonNode page = http.get(X + "/operation/endpoint/" + ep + "/ls?path=/images&limit=2&offset=2", token).json();
        assertThat(page.get("length").asInt()).isEqualTo(2);
        assertThat(page.get("total").asInt()).isEqualTo(4);
        JsonNode dirs = http.get(X + "/operation/endpoint/" + ep + "/ls?path=/~/images/&filter=type:dir", token).json();
        assertThat(dirs.get("DATA").get(0).get("name").asText()).isEqualTo("blobs");
        JsonNode sifs = http.get(X + "/operation/endpoint/" + ep + "/ls?path=/~/images/&filter=name:~*.sif", token).json();
        assertThat(sifs.get("total").asInt()).isEqualTo(1);
        JsonNode home = http.get(X + "/operation/endpoint/" + ep + "/ls", token).json();
        assertThat(home.get("path").asText()).isEqualTo("/~/");
        assertThat(home.get("DATA").get(0).get("name").asText()).isEqualTo("images");
    }

    @Test
    void lsErrorsUseGlobusCodes() {
        SimClient.Res missing = http.get(X + "/operation/endpoint/" + ep + "/ls?path=/~/nope/", token);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("ClientError.NotFound");
        SimClient.Res file = http.get(X + "/operation/endpoint/" + ep + "/ls?path=/~/images/index.json", token);
        assertThat(file.status()).isEqualTo(502);
        assertThat(file.json().get("code").asText()).isEqualTo("ExternalError.DirListingFailed.NotDirectory");
        String gcp = sim.createEndpoint(EndpointSpec.named("Laptop").entityType("GCP_mapped_collection").gcpConnected(false)).id;
        SimClient.Res offline = http.get(X + "/operation/endpoint/" + gcp + "/ls?path=/~/", token);
        assertThat(offline.status()).isEqualTo(502);
        assertThat(offline.json().get("code").asText()).isEqualTo("ExternalError.DirListingFailed.GCDisconnected");
        SimClient.Res unknown = http.get(X + "/operation/endpoint/3a42f43c-1744-40dc-9b16-753d8e1589fa/ls", token);
        assertThat(unknown.json().get("code").asText()).isEqualTo("EndpointNotFound");
        IdentityTokens eve = sim.createIdentity("eve@example.org");
        SimClient.Res denied = http.get(X + "/operation/endpoint/" + ep + "/ls?path=/~/", eve.accessToken());
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("code").asText()).isEqualTo("EndpointPermissionDenied");
    }

    @Test
    void statDescribesOneFile() {
        SimClient.Res r = http.get(X + "/operation/endpoint/" + ep + "/stat?path=/~/images/lolcow.sif", token);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("name").asText()).isEqualTo("lolcow.sif");
        assertThat(r.json().get("size").asLong()).isEqualTo(100);
        SimClient.Res missing = http.get(X + "/operation/endpoint/" + ep + "/stat?path=/~/images/none", token);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("NotFound");
    }

    @Test
    void mkdirCreatesOnceThenExists() {
        Map<String, Object> body = Map.of("DATA_TYPE", "mkdir", "path", "/~/images/new/");
        SimClient.Res r = http.postJson(X + "/operation/endpoint/" + ep + "/mkdir", token, body);
        assertThat(r.status()).isBetween(200, 202);
        assertThat(r.json().get("DATA_TYPE").asText()).isEqualTo("mkdir_result");
        assertThat(r.json().get("code").asText()).isEqualTo("DirectoryCreated");
        assertThat(r.json().get("resource").asText()).isEqualTo("/v0.10/operation/endpoint/" + ep + "/mkdir");
        assertThat(r.json().get("request_id").asText()).isNotBlank();
        assertThat(Files.isDirectory(root.resolve("images/new"))).isTrue();
        SimClient.Res again = http.postJson(X + "/operation/endpoint/" + ep + "/mkdir", token, body);
        assertThat(again.status()).isEqualTo(502);
        assertThat(again.json().get("code").asText()).isEqualTo("ExternalError.MkdirFailed.Exists");
        SimClient.Res noPath = http.postJson(X + "/operation/endpoint/" + ep + "/mkdir", token, Map.of("DATA_TYPE", "mkdir"));
        assertThat(noPath.status()).isEqualTo(400);
        SimClient.Res bad = http.postJson(X + "/operation/endpoint/" + ep + "/mkdir", token, "not json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("code").asText()).isEqualTo("ClientError.BadRequest");
    }

    @Test
    void traversalIsRejectedAndNothingIsWrittenOutsideTheRoot() throws Exception {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("secret.txt"), "secret");
        for (String path : new String[] {"/~/../outside/", "/../outside", "/~/images/../../outside/"}) {
            SimClient.Res ls = http.get(X + "/operation/endpoint/" + ep + "/ls?path=" + SimClient.enc(path), token);
            assertThat(ls.status()).as(path).isIn(400, 403);
            assertThat(ls.json().get("code").asText()).isIn("EndpointPermissionDenied", "ClientError.BadRequest");
        }
        SimClient.Res mk = http.postJson(X + "/operation/endpoint/" + ep + "/mkdir", token,
                Map.of("DATA_TYPE", "mkdir", "path", "/~/../outside/made/"));
        assertThat(mk.status()).isIn(400, 403);
        // a symlink pointing out of the root is not followed either
        Files.createSymbolicLink(root.resolve("escape"), outside);
        assertThat(http.get(X + "/operation/endpoint/" + ep + "/ls?path=/~/escape/", token).status()).isIn(400, 403);
        SimClient.Res put = http.postJson(X + "/transfer", token, Map.of("DATA_TYPE", "transfer",
                "submission_id", http.get(X + "/submission_id", token).json().get("value").asText(),
                "source_endpoint", ep, "destination_endpoint", ep,
                "DATA", java.util.List.of(item("/~/images/index.json", "/~/../outside/stolen.json", false))));
        assertThat(put.status()).isIn(400, 403);
        SimClient.Res viaLink = http.postJson(X + "/transfer", token, Map.of("DATA_TYPE", "transfer",
                "submission_id", http.get(X + "/submission_id", token).json().get("value").asText(),
                "source_endpoint", ep, "destination_endpoint", ep,
                "DATA", java.util.List.of(item("/~/images/index.json", "/~/escape/stolen.json", false))));
        assertThat(viaLink.status()).isIn(400, 403);
        Thread.sleep(100);
        try (var files = Files.list(outside)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secret.txt");
        }
    }
}
