package org.sregistry.globus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.control.FaultSpec;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.host.testkit.RegistryClient;

/**
 * The endpoints page, the browser, send and bring, the activity page, consent and the JSON API, through the real
 * host with the built plugin and the simulator (really copying files between folders).
 */
class EndpointsAndTransfersIT {
    private static final Pattern CONSENT_HREF = Pattern.compile("id=\"globus-consent-link\" href=\"([^\"]+)\"");
    private static final Pattern CONSENT_PAGE = Pattern.compile("href=\"(/globus/consent/[^\"]+)\"");

    @TempDir
    static Path dir;
    static GlobusFixture fx;
    static Endpoint cluster;
    static Endpoint lab;
    static Endpoint evil;
    static Endpoint secure;
    static Endpoint vault;
    static Path vaultRoot;
    static Path clusterRoot;
    static String lolcow;
    static String salad;

    @BeforeAll
    static void start() throws Exception {
        fx = GlobusFixture.start(dir);
        clusterRoot = Files.createDirectories(dir.resolve("cluster"));
        GlobusFixture.sif(clusterRoot.resolve("images/lolcow_latest.sif"), "moo");
        Files.writeString(clusterRoot.resolve("images/notes.txt"), "not an image");
        Files.createDirectories(clusterRoot.resolve("images/old"));
        cluster = fx.globus.sim.createEndpoint(EndpointSpec.named("HPC Cluster scratch")
                .owner(fx.globus.sim.defaultUsername()).organization("Example HPC Centre")
                .contactEmail("hpc@example.org").root(clusterRoot));
        lab = fx.globus.sharedEndpoint("Lab share", Files.createDirectories(dir.resolve("lab")));
        fx.globus.sim.createEndpoint(EndpointSpec.named("Lab share").id(lab.id).organization("Bio Lab"));
        evil = fx.globus.ownEndpoint("<script>alert(1)</script>", Files.createDirectories(dir.resolve("evil")));
        Path secureRoot = Files.createDirectories(dir.resolve("secure"));
        GlobusFixture.sif(secureRoot.resolve("data/secret_v1.sif"), "secret");
        secure = fx.globus.sim.createEndpoint(EndpointSpec.named("Secure GCS collection")
                .owner(fx.globus.sim.defaultUsername()).root(secureRoot).consentRequired(true));
        vaultRoot = Files.createDirectories(dir.resolve("vault"));
        vault = fx.globus.sim.createEndpoint(EndpointSpec.named("Vault GCS collection")
                .owner(fx.globus.sim.defaultUsername()).root(vaultRoot).consentRequired(true));
        lolcow = fx.upload("demo/lolcow:latest", "moo", dir.resolve("uploads"));
        salad = fx.upload("demo/salad:1.0", "leaves", dir.resolve("uploads"));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void bothScopesAreListedWithStatusAndTheRegistryMarked() throws Exception {
        String page = fx.registry.browser().get("/globus?refresh=1").body();
        assertThat(page).contains("id=\"globus-endpoint-table\"", "HPC Cluster scratch", "Example HPC Centre",
                "hpc@example.org", "Lab share", "shared with me", "mine", "this registry", "Registry staging",
                "href=\"/globus/e/" + cluster.id + "\"", "class=\"badge active\"", "id=\"globus-refresh\"");

        JsonNode api = GlobusFixture.json(fx.registry.admin().get("/api/globus/endpoints"));
        assertThat(api.path("scopes").toString()).contains("my-endpoints", "shared-with-me");
        List<String> scopes = new ArrayList<>();
        api.path("endpoints").forEach(e -> scopes.add(e.path("name").asText() + "=" + e.path("scope").asText()));
        assertThat(scopes).contains("HPC Cluster scratch=my-endpoints", "Lab share=shared-with-me");
        JsonNode first = api.path("endpoints").get(0);
        assertThat(first.path("id").asText()).isEqualTo(fx.registryEndpoint.id);
        assertThat(first.path("registry_endpoint").asBoolean()).isTrue();
    }

    @Test
    void bothScopesAreFetchedInParallelAndThenServedFromCache() throws Exception {
        RegistryClient browser = fx.registry.browser();
        browser.get("/globus?refresh=1");
        fx.globus.sim.resetStats();
        String cached = browser.get("/globus").body();
        assertThat(cached).contains("HPC Cluster scratch", "(from cache)");
        assertThat(fx.globus.sim.requestCount("GET /transfer/v0.10/endpoint_search")).isZero();
        browser.get("/globus?refresh=1");
        // the connection check and the two scopes
        assertThat(fx.globus.sim.requestCount("GET /transfer/v0.10/endpoint_search")).isEqualTo(3);
    }

    @Test
    void searchFindsByOrganisationAndSaysWhenNothingMatches() throws Exception {
        RegistryClient browser = fx.registry.browser();
        String found = browser.get("/globus?q=" + enc("Bio")).body();
        assertThat(found).contains("Lab share", "Search results for").doesNotContain("HPC Cluster scratch");
        // a search result says what it is to the admin, never just "search"
        assertThat(found).contains("<td class=\"nowrap endpoint-scope\">shared with me</td>")
                .doesNotContain("endpoint-scope\">search<");
        String none = browser.get("/globus?q=" + enc("nothing-matches-xyz")).body();
        assertThat(none).contains("id=\"globus-no-results\"", "No results for “nothing-matches-xyz”.");
        JsonNode api = GlobusFixture.json(fx.registry.admin().get("/api/globus/endpoints?q=hpc+centre"));
        assertThat(api.path("endpoints").toString()).contains("HPC Cluster scratch").doesNotContain("Lab share");
        assertThat(api.path("endpoints").get(0).path("scope").asText()).isEqualTo("my-endpoints");
    }

    @Test
    void allPagesOfAScopeAreRead() throws Exception {
        fx.globus.sim.createIdentity("bulk@example.org");
        for (int i = 0; i < 105; i++) {
            fx.globus.sim.createEndpoint(EndpointSpec.named(String.format("Bulk store %03d", i))
                    .owner("bulk@example.org").root(Files.createDirectories(dir.resolve("bulk/" + i))));
        }
        fx.registry.admin().get("/api/globus/endpoints"); // the admin's own and shared lists (they label results)
        fx.globus.sim.resetStats();
        HttpResponse<String> response = fx.registry.admin().get("/api/globus/endpoints?q=bulk+store");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode api = GlobusFixture.json(response);
        assertThat(api.path("endpoints").size()).isEqualTo(105);
        assertThat(api.path("endpoints").get(104).path("name").asText()).isEqualTo("Bulk store 104");
        assertThat(fx.globus.sim.requestCount("GET /transfer/v0.10/endpoint_search")).isEqualTo(2);
    }

    @Test
    void browseIntoAFolderAndBack() throws Exception {
        RegistryClient browser = fx.registry.browser();
        String root = browser.get("/globus/" + cluster.id).body();
        assertThat(root).contains("HPC Cluster scratch", "images/</a>",
                "href=\"/globus/e/" + cluster.id + "?path=%2F%7E%2Fimages%2F\"");
        String images = browser.get("/globus/" + cluster.id + "?path=" + enc("/~/images/")).body();
        assertThat(images).contains("lolcow_latest.sif</strong>", "class=\"image-file\"", "notes.txt", "old/</a>",
                "id=\"globus-parent\"", "id=\"globus-breadcrumbs\"", "value=\"/~/images/lolcow_latest.sif\"",
                "id=\"globus-send-form\"", "value=\"" + lolcow.replace("demo/lolcow:latest", "demo/lolcow:latest@"));
        assertThat(images).contains("href=\"/globus/e/" + cluster.id + "?path=%2F%7E%2F\"");
        String old = browser.get("/globus/" + cluster.id + "?path=" + enc("/~/images/old/")).body();
        assertThat(old).contains("This folder is empty.", "href=\"/globus/e/" + cluster.id + "?path=%2F%7E%2Fimages%2F\"");

        JsonNode ls = GlobusFixture.json(fx.registry.admin().get("/api/globus/endpoints/" + cluster.id
                + "/ls?path=" + enc("/~/images/")));
        assertThat(ls.path("entries").toString()).contains("\"name\":\"lolcow_latest.sif\"", "\"image\":true",
                "\"name\":\"old\"", "\"type\":\"dir\"");
    }

    @Test
    void listingErrorsAreMessagesInThePage() throws Exception {
        RegistryClient browser = fx.registry.browser();
        HttpResponse<String> missing = browser.get("/globus/" + cluster.id + "?path=" + enc("/~/nope/"));
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(missing.body()).contains("id=\"globus-listing-problem\"", "Not found");
        HttpResponse<String> file = browser.get("/globus/" + cluster.id + "?path=" + enc("/~/images/notes.txt"));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).contains("id=\"globus-listing-problem\"", "not a folder");
        HttpResponse<String> denied = browser.get("/globus/" + lab.id);
        assertThat(denied.statusCode()).isEqualTo(200);
        HttpResponse<String> api = fx.registry.admin().get("/api/globus/endpoints/" + cluster.id + "/ls?path="
                + enc("/~/nope/"));
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(GlobusFixture.json(api).path("code").asText()).contains("NotFound");
    }

    @Test
    void pushSendsTwoImagesInOneTaskAndBothArrive() throws Exception {
        HttpResponse<String> response = fx.registry.admin().postJson("/globus/transfer/put/" + cluster.id,
                "{\"path\":\"/~/images/\",\"containers\":[\"" + lolcow + "\",\"" + salad + "\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = GlobusFixture.json(response);
        String taskId = answer.path("task_id").asText();
        assertThat(answer.path("message").asText()).startsWith("Transfer submitted");
        assertThat(answer.path("links").path("globus").asText()).isEqualTo("https://app.globus.org/activity/" + taskId);
        assertThat(answer.path("links").path("activity").asText()).isEqualTo("/globus/tasks/" + taskId);

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(clusterRoot.resolve("images/lolcow_latest.sif"))
                && Files.exists(clusterRoot.resolve("images/salad_1.0.sif")));
        assertThat(Files.size(clusterRoot.resolve("images/salad_1.0.sif"))).isGreaterThan(10_000);

        JsonNode task = GlobusFixture.json(fx.registry.admin().get("/api/globus/tasks/" + taskId));
        assertThat(task.path("direction").asText()).isEqualTo("send");
        assertThat(task.path("items").size()).isEqualTo(2);
        assertThat(task.path("items").toString()).contains("demo/lolcow:latest@sha256:", "demo/salad:1.0@sha256:",
                "/~/images/lolcow_latest.sif", "/~/images/salad_1.0.sif");
        await().atMost(Duration.ofSeconds(20)).until(() -> GlobusFixture.json(fx.registry.admin()
                .get("/api/globus/tasks/" + taskId)).path("status").asText().equals("SUCCEEDED"));
        // one Globus task with both files
        assertThat(GlobusFixture.json(fx.registry.admin().get("/api/globus/tasks/" + taskId)).path("files").asLong())
                .isEqualTo(2);
    }

    @Test
    void theSendFormAnswersTransferSubmittedWithLinks() throws Exception {
        RegistryClient browser = fx.registry.browser();
        HttpResponse<String> response = browser.form("/globus/transfer/put/" + cluster.id,
                Map.of("path", "/~/images/old/", "containers", lolcow));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("Transfer submitted", "id=\"globus-task-link\"",
                "https://app.globus.org/activity/");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(clusterRoot.resolve("images/old/lolcow_latest.sif")));
    }

    @Test
    void pullIsRecordedAndTheFileArrivesInStaging() throws Exception {
        HttpResponse<String> response = fx.registry.admin().postJson("/globus/transfer/get/" + cluster.id,
                "{\"path\":\"/~/images/lolcow_latest.sif\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String taskId = GlobusFixture.json(response).path("task_id").asText();

        JsonNode task = GlobusFixture.json(fx.registry.admin().get("/api/globus/tasks/" + taskId));
        assertThat(task.path("direction").asText()).isEqualTo("bring");
        JsonNode item = task.path("items").get(0);
        // the requested name, or already the imported URI: the submit wakes the import task at once
        assertThat(item.path("image_uri").asText()).startsWith("hpc-cluster-scratch/lolcow:latest");
        assertThat(item.path("source_path").asText()).isEqualTo("/~/images/lolcow_latest.sif");
        assertThat(item.path("destination_path").asText()).startsWith("/~/").endsWith("-lolcow_latest.sif");
        Path landed = fx.staging.resolve(item.path("destination_path").asText().substring(3));
        // the file lands in staging; the import task may already have taken it into the registry
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(landed)
                || fx.registry.admin().get("/api/containers?q=hpc-cluster-scratch/lolcow").body().contains("\"total\":1"));

        String activity = fx.registry.browser().get("/globus/tasks").body();
        assertThat(activity).contains("task-" + taskId, "sregistry pull hpc-cluster-scratch-lolcow-latest", "bring");
        assertThat(fx.registry.browser().get("/globus/tasks/" + taskId).body()).contains("/~/images/lolcow_latest.sif");
        assertThat(fx.registry.browser().get("/").body()).contains("id=\"globus-recent\"", "sregistry pull");

        HttpResponse<String> named = fx.registry.admin().postJson("/globus/transfer/get/" + cluster.id,
                "{\"path\":\"/~/images/lolcow_latest.sif\",\"name\":\"cows/moo:v2\"}");
        assertThat(named.statusCode()).isEqualTo(202);
        JsonNode tasks = GlobusFixture.json(fx.registry.admin().get("/api/globus/tasks"));
        assertThat(tasks.path("tasks").get(0).path("items").get(0).path("image_uri").asText()).startsWith("cows/moo:v2");
    }

    @Test
    void theActivityPagePollsWhileATaskIsActive() throws Exception {
        fx.globus.sim.holdTransfers(true);
        try {
            HttpResponse<String> response = fx.registry.admin().postJson("/globus/transfer/put/" + cluster.id,
                    "{\"path\":\"/~/\",\"containers\":[\"" + salad + "\"]}");
            String taskId = GlobusFixture.json(response).path("task_id").asText();
            String page = fx.registry.browser().get("/globus/tasks").body();
            assertThat(page).contains("hx-get=\"/globus/tasks?fragment=1\"", "hx-trigger=\"every 2s\"",
                    "task-" + taskId, "<progress");
            String fragment = fx.registry.browser().get("/globus/tasks?fragment=1").body();
            assertThat(fragment).startsWith("<div id=\"globus-tasks\"").doesNotContain("<html");
        } finally {
            fx.globus.sim.holdTransfers(false);
        }
    }

    @Test
    void anEndpointNamedLikeAScriptRendersAsText() throws Exception {
        String page = fx.registry.browser().get("/globus?refresh=1").body();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        String browse = fx.registry.browser().get("/globus/" + evil.id).body();
        assertThat(browse).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    }

    @Test
    void badIdsPathsAndImagesAreRefused() throws Exception {
        RegistryClient admin = fx.registry.admin();
        HttpResponse<String> traversal = admin.get("/api/globus/endpoints/" + cluster.id + "/ls?path="
                + enc("/~/images/../../etc/"));
        assertThat(traversal.statusCode()).isEqualTo(400);
        assertThat(traversal.body()).contains("\"error\":\"bad_request\"", "..");
        assertThat(fx.registry.browser().get("/globus/" + cluster.id + "?path=" + enc("/../")).statusCode())
                .isEqualTo(400);
        assertThat(admin.get("/api/globus/endpoints/not-a-uuid/ls").statusCode()).isEqualTo(400);
        assertThat(fx.registry.browser().get("/globus/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(admin.get("/api/globus/endpoints/" + cluster.id + "/ls?path=/" + "a".repeat(1100)).statusCode())
                .isEqualTo(400);

        HttpResponse<String> pushEscape = admin.postJson("/globus/transfer/put/" + cluster.id,
                "{\"path\":\"/~/../\",\"containers\":[\"" + lolcow + "\"]}");
        assertThat(pushEscape.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = admin.postJson("/globus/transfer/put/" + cluster.id,
                "{\"path\":\"/~/\",\"containers\":[\"nobody/nothing:here\"]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\":\"unknown_image\"");
        HttpResponse<String> badId = admin.postJson("/globus/transfer/get/nope", "{\"path\":\"/~/a.sif\"}");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.headers().firstValue("Content-Type").orElse("")).contains("application/json");
        HttpResponse<String> badName = admin.postJson("/globus/transfer/get/" + cluster.id,
                "{\"path\":\"/~/images/lolcow_latest.sif\",\"name\":\"Upper/Case\"}");
        assertThat(badName.statusCode()).isEqualTo(400);
        HttpResponse<String> unknownEndpoint = admin.postJson("/globus/transfer/get/"
                + "00000000-0000-4000-8000-000000000000", "{\"path\":\"/~/a.sif\"}");
        assertThat(unknownEndpoint.statusCode()).isEqualTo(404);
        assertThat(unknownEndpoint.body()).contains("\"code\":\"EndpointNotFound\"");
        assertThat(admin.get("/api/globus/endpoints?scope=all").statusCode()).isEqualTo(400);
    }

    @Test
    void postsFromABrowserSessionNeedTheCsrfToken() {
        RegistryClient browser = fx.registry.browser();
        assertThat(browser.formWithoutCsrf("/globus/transfer/put/" + cluster.id,
                Map.of("path", "/~/", "containers", lolcow)).statusCode()).isEqualTo(403);
        assertThat(browser.formWithoutCsrf("/globus/consent/" + secure.id, Map.of("code", "x")).statusCode())
                .isEqualTo(403);
        assertThat(browser.postJson("/globus/transfer/put/" + cluster.id, "{\"path\":\"/~/\",\"containers\":[]}")
                .statusCode()).isEqualTo(400); // with the header: reaches the resource
    }

    @Test
    void aGlobusOutageIsAFriendlyMessage() throws Exception {
        fx.globus.sim.addFault(FaultSpec.status("GET /transfer/v0.10/endpoint_search", 503, 0));
        fx.globus.sim.addFault(FaultSpec.status("GET /transfer/v0.10/operation/endpoint/*", 503, 0));
        try {
            HttpResponse<String> page = fx.registry.browser().get("/globus?refresh=1");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"globus-endpoints-problem\"", "Globus is unavailable right now")
                    .doesNotContain("\tat ", "Exception");
            HttpResponse<String> browse = fx.registry.browser().get("/globus/" + cluster.id);
            assertThat(browse.statusCode()).isEqualTo(200);
            assertThat(browse.body()).contains("id=\"globus-listing-problem\"", "Globus is unavailable right now");
            HttpResponse<String> api = fx.registry.admin().get("/api/globus/endpoints?refresh=1");
            assertThat(api.statusCode()).isEqualTo(502);
            assertThat(GlobusFixture.json(api).path("error").asText()).isEqualTo("globus_unavailable");
        } finally {
            fx.globus.sim.clearFaults();
        }
    }

    @Test
    void aPushThatNeedsConsentComesBackWithTheSameImagesTickedAndSucceedsAfterGrantAccess() throws Exception {
        RegistryClient browser = fx.registry.browser();
        HttpResponse<String> refused = browser.form("/globus/transfer/put/" + vault.id,
                Map.of("path", "/~/", "containers", salad));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Transfer not submitted", "Grant access");
        Matcher consentPage = CONSENT_PAGE.matcher(refused.body());
        assertThat(consentPage.find()).isTrue();
        String consentUrl = consentPage.group(1).replace("&amp;", "&");
        String then = java.net.URLDecoder.decode(consentUrl.substring(consentUrl.indexOf("then=") + 5),
                StandardCharsets.UTF_8);
        assertThat(then).contains("/globus/e/" + vault.id, "send=" + enc(salad));

        Matcher href = CONSENT_HREF.matcher(browser.get(consentUrl).body());
        assertThat(href.find()).isTrue();
        String code = fx.globus.approve(href.group(1).replace("&amp;", "&"));
        HttpResponse<String> granted = browser.form("/globus/consent/" + vault.id, Map.of("code", code, "then", then));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(303);
        String location = granted.headers().firstValue("Location").orElseThrow();
        String folder = browser.get(location.substring(location.indexOf("/globus"))).body();
        assertThat(folder).contains("Access granted").containsPattern(
                "value=\"" + java.util.regex.Pattern.quote(salad) + "[^\"]*\" checked");

        HttpResponse<String> sent = browser.form("/globus/transfer/put/" + vault.id,
                Map.of("path", "/~/", "containers", salad));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("Transfer submitted");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (var files = Files.list(vaultRoot)) {
                return files.anyMatch(f -> f.getFileName().toString().startsWith("salad"));
            }
        });
    }

    @Test
    void aConsentRequiredCollectionIsListedAfterGrantAccess() throws Exception {
        RegistryClient browser = fx.registry.browser();
        String before = browser.get("/globus/" + secure.id).body();
        assertThat(before).contains("id=\"globus-listing-problem\"", "needs your consent", "Grant access");
        Matcher consentPage = CONSENT_PAGE.matcher(before);
        assertThat(consentPage.find()).isTrue();
        HttpResponse<String> api = fx.registry.admin().get("/api/globus/endpoints/" + secure.id + "/ls");
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.body()).contains("\"code\":\"ConsentRequired\"", secure.id + "/data_access");

        String grant = browser.get(consentPage.group(1).replace("&amp;", "&")).body();
        assertThat(grant).contains("Secure GCS collection", "data_access");
        Matcher href = CONSENT_HREF.matcher(grant);
        assertThat(href.find()).as(grant).isTrue();
        String authorizeUrl = href.group(1).replace("&amp;", "&");
        assertThat(java.net.URLDecoder.decode(authorizeUrl, StandardCharsets.UTF_8))
                .contains("transfer.api.globus.org:all[*https://auth.globus.org/scopes/" + secure.id + "/data_access]");
        String code = fx.globus.approve(authorizeUrl);
        HttpResponse<String> done = browser.form("/globus/consent/" + secure.id,
                Map.of("code", code, "then", "/globus/" + secure.id + "?path=" + enc("/~/data/")));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        String location = done.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/globus/" + secure.id, "m=consent");

        String after = browser.get(location.substring(location.indexOf("/globus"))).body();
        assertThat(after).contains("Access granted", "secret_v1.sif</strong>").doesNotContain("globus-listing-problem");
        assertThat(Files.readString(PluginJar.tokenFile(fx.registry.dataDir()))).contains("consent_tokens",
                secure.id + "/data_access");
        // the main login is untouched and still lists the rest
        assertThat(browser.get("/globus/" + cluster.id).body()).contains("images/</a>");
    }

    @Test
    void sendWithGlobusOnAContainerPagePreselectsTheImage() throws Exception {
        RegistryClient browser = fx.registry.browser();
        String container = browser.get("/container/" + lolcow).body();
        assertThat(container).contains("id=\"globus-send-action\"", "href=\"/globus?send=demo%2Flolcow%3Alatest");
        String globusPage = browser.get("/globus?send=" + enc(lolcow)).body();
        assertThat(globusPage).contains("Choose the endpoint to send the ticked image to, then the folder: "
                + "demo/lolcow:latest.", "href=\"/globus/e/" + cluster.id + "?send=demo%2Flolcow%3Alatest\"");
        String browse = browser.get("/globus/" + cluster.id + "?path=" + enc("/~/") + "&send=" + enc(lolcow)).body();
        Matcher checked = Pattern.compile("value=\"demo/lolcow:latest@sha256:[0-9a-f]+\" checked").matcher(browse);
        assertThat(checked.find()).as(browse).isTrue();
    }

    @Test
    void aSendLinkNeverPutsItsOwnWordsOnThePage() throws Exception {
        RegistryClient browser = fx.registry.browser();
        // markers that no endpoint UUID, digest or time on the page can contain by chance ("555" could)
        String words = "Your registry is compromised: call +1 555-0100 QUICKLYNOW";
        String page = browser.get("/globus?send=" + enc(words)).body();
        assertThat(page).doesNotContain("compromised", "QUICKLYNOW", "555-0100")
                .contains("The image to send is not in the registry");
        String mixed = browser.get("/globus?send=" + enc(lolcow + "," + words)).body();
        assertThat(mixed).doesNotContain("compromised").contains("then the folder: demo/lolcow:latest.",
                "?send=demo%2Flolcow%3Alatest\"");
        String browse = browser.get("/globus/" + cluster.id + "?send=" + enc(words)).body();
        assertThat(browse).doesNotContain("compromised", "QUICKLYNOW", "555-0100");
        assertThat(browser.get("/globus?m=" + enc(words)).body()).doesNotContain("compromised");
    }

    @Test
    void theCliGrantsConsentToo() throws Exception {
        Path root = Files.createDirectories(dir.resolve("secure2/data"));
        GlobusFixture.sif(root.resolve("x_1.sif"), "x");
        Endpoint other = fx.globus.sim.createEndpoint(EndpointSpec.named("Second GCS collection")
                .owner(fx.globus.sim.defaultUsername()).root(root.getParent()).consentRequired(true));
        assertThat(fx.registry.admin().get("/api/globus/endpoints/" + other.id + "/ls").statusCode()).isEqualTo(403);

        Cli.Run run = Cli.interactive(fx.registry.dataDir(), fx.globus::approve, "consent", other.id);
        assertThat(run.code()).as(run.all()).isZero();
        assertThat(run.out()).contains("Consent stored");
        HttpResponse<String> after = fx.registry.admin().get("/api/globus/endpoints/" + other.id + "/ls?path="
                + enc("/~/data/"));
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(after.body()).contains("x_1.sif");
        assertThat(Cli.globus(fx.registry.dataDir(), "", "consent", "not-a-uuid").code()).isEqualTo(2);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
