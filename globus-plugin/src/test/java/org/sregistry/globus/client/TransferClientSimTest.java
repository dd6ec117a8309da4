package org.sregistry.globus.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TransferClientSimTest {

    @TempDir
    static Path dir;
    static SimHarness h;
    static TransferClient transfer;
    static AccessTokenManager tokens;
    static String me;

    @BeforeAll
    static void start() throws Exception {
        h = new SimHarness(dir.resolve("sim"));
        TokenSet login = h.login();
        tokens = h.manager(login);
        transfer = h.transfer(tokens);
        me = h.auth.userinfo(tokens).preferredUsername();
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @BeforeEach
    void clear() throws Exception {
        h.sleeps.clear();
        h.resetStats();
    }

    static String endpoint(String name, Path root, Map<String, Object> extra) throws Exception {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("display_name", name);
        if (root != null) {
            Files.createDirectories(root);
            spec.put("root", root.toAbsolutePath().toString());
        }
        spec.putAll(extra);
        return h.createEndpoint(spec).get("id").asText();
    }

    // ---- endpoints ----

    @Test
    void searchesScopesFulltextAndPagesThroughMoreThanOnePage() throws Exception {
        for (int i = 0; i < 5; i++) {
            endpoint("Pager " + i, null, Map.of("organization", "Paging University"));
        }
        h.createIdentity("alice");
        String shared = endpoint("Alice Shared", null, Map.of("owner", "alice", "shared_with", List.of(me),
                "description", "cryo-em scratch"));
        String hidden = endpoint("Alice Private", null, Map.of("owner", "alice"));
        h.resetStats();

        List<Endpoint> mine = transfer.searchEndpoints(EndpointSearch.scope(EndpointScope.MY_ENDPOINTS), 2, 1000);
        assertThat(mine).extracting(Endpoint::displayName).contains("Pager 0", "Pager 4")
                .doesNotContain("Alice Shared", "Alice Private");
        assertThat(h.requests("GET /transfer/v0.10/endpoint_search")).isGreaterThanOrEqualTo(3);

        EndpointPage first = transfer.searchEndpointsPage(EndpointSearch.scope(EndpointScope.MY_ENDPOINTS), 0, 2);
        assertThat(first.data()).hasSize(2);
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.dataType()).isEqualTo("endpoint_list");

        assertThat(transfer.searchEndpoints(EndpointSearch.scope(EndpointScope.SHARED_WITH_ME)))
                .extracting(Endpoint::id).contains(shared).doesNotContain(hidden);
        assertThat(transfer.searchEndpoints(EndpointSearch.fulltext("Paging University"))).hasSize(5);
        assertThat(transfer.searchEndpoints(EndpointSearch.fulltext("cryo-em"))).extracting(Endpoint::id)
                .containsExactly(shared);
        assertThat(transfer.searchEndpoints(EndpointSearch.fulltext("no-such-thing-anywhere"))).isEmpty();
        assertThat(transfer.searchEndpoints(EndpointSearch.scope(EndpointScope.MY_ENDPOINTS), 2, 3)).hasSize(3);
    }

    @Test
    void getsAnEndpointAndReportsUnknownOnes() throws Exception {
        String id = endpoint("Lab Archive", dir.resolve("lab"), Map.of("organization", "Example University",
                "contact_email", "storage@example.edu"));
        Endpoint e = transfer.getEndpoint(id);
        assertThat(e.id()).isEqualTo(id);
        assertThat(e.dataType()).isEqualTo("endpoint");
        assertThat(e.name()).isEqualTo("Lab Archive");
        assertThat(e.organization()).isEqualTo("Example University");
        assertThat(e.contactEmail()).isEqualTo("storage@example.edu");
        assertThat(e.ownerString()).isNotBlank();

        assertThatThrownBy(() -> transfer.getEndpoint(UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(GlobusApiException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(404);
                    assertThat(ex.isCode("EndpointNotFound")).isTrue();
                    assertThat(ex.requestId()).isNotBlank();
                });
        assertThat(h.sleeps()).isEmpty();
    }

    @Test
    void createsAGlobusConnectPersonalEndpoint() {
        CreatedEndpoint created = transfer.createGlobusConnectPersonal("sregistry-test-robot", "registry endpoint");
        assertThat(created.id()).isNotBlank();
        assertThat(created.globusConnectSetupKey()).isNotBlank();
        assertThat(created.toString()).doesNotContain(created.globusConnectSetupKey());
        Endpoint e = transfer.getEndpoint(created.id());
        assertThat(e.displayName()).isEqualTo("sregistry-test-robot");
        assertThat(e.isGlobusConnect()).isTrue();
    }

    // ---- files ----

    @Test
    void listsStatsAndMakesDirectories() throws Exception {
        Path root = dir.resolve("files");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("a.sif"), "hello");
        Files.writeString(root.resolve("b.txt"), "world!");
        Files.writeString(root.resolve(".hidden"), "x");
        String id = endpoint("Files", root, Map.of());

        FileListing all = transfer.ls(id, LsOptions.path("/"));
        assertThat(all.dataType()).isEqualTo("file_list");
        assertThat(all.data()).extracting(FileEntry::name).contains("a.sif", "b.txt", "sub", ".hidden");
        FileEntry a = all.data().stream().filter(f -> f.name().equals("a.sif")).findFirst().orElseThrow();
        assertThat(a.size()).isEqualTo(5);
        assertThat(a.isFile()).isTrue();
        assertThat(a.lastModified()).isNotNull();
        assertThat(all.data().stream().filter(f -> f.name().equals("sub")).findFirst().orElseThrow().isDirectory())
                .isTrue();

        assertThat(transfer.ls(id, LsOptions.path("/").withShowHidden(false)).data()).extracting(FileEntry::name)
                .doesNotContain(".hidden");

        h.resetStats();
        FileListing paged = transfer.ls(id, LsOptions.path("/"), 1);
        assertThat(paged.data()).extracting(FileEntry::name).containsExactlyInAnyOrderElementsOf(
                all.data().stream().map(FileEntry::name).toList());
        assertThat(h.requests("GET /transfer/v0.10/operation/endpoint/{endpoint_id}/ls")).isGreaterThanOrEqualTo(4);
        FileListing page = transfer.lsPage(id, LsOptions.path("/"), 0, 2);
        assertThat(page.data()).hasSize(2);
        assertThat(page.total()).isEqualTo(all.data().size());

        FileEntry stat = transfer.stat(id, "/b.txt");
        assertThat(stat.name()).isEqualTo("b.txt");
        assertThat(stat.size()).isEqualTo(6);

        assertThatThrownBy(() -> transfer.stat(id, "/nope.txt")).isInstanceOfSatisfying(GlobusApiException.class,
                e -> assertThat(e.notFound()).isTrue());
        assertThatThrownBy(() -> transfer.ls(id, "/nope/")).isInstanceOfSatisfying(GlobusApiException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.isCode("ClientError.NotFound")).isTrue();
        });
        assertThatThrownBy(() -> transfer.ls(id, "/a.sif")).isInstanceOfSatisfying(GlobusApiException.class,
                e -> assertThat(e.isCode("ExternalError.DirListingFailed")).isTrue());
        assertThatThrownBy(() -> transfer.ls(id, "/../../etc/")).isInstanceOf(GlobusApiException.class);

        OperationResult made = transfer.mkdir(id, "/newdir/");
        assertThat(made.code()).isEqualTo("DirectoryCreated");
        assertThat(Files.isDirectory(root.resolve("newdir"))).isTrue();
        h.sleeps.clear();
        assertThatThrownBy(() -> transfer.mkdir(id, "/newdir/")).isInstanceOfSatisfying(GlobusApiException.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.isCode("ExternalError.MkdirFailed.Exists")).isTrue();
        });
        assertThat(h.sleeps()).as("storage errors are final, not retried").isEmpty();
        assertThat(transfer.ensureDirectory(id, "/newdir/")).isFalse();
        assertThat(transfer.ensureDirectory(id, "/newdir2/")).isTrue();
    }

    @Test
    void consentRequiredCollectionWorksAfterAConsentLogin() throws Exception {
        String id = endpoint("Mapped Collection", dir.resolve("mapped"), Map.of("consent_required", true));
        GlobusApiException e = (GlobusApiException) org.assertj.core.api.Assertions.catchThrowable(
                () -> transfer.ls(id, "/"));
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.consentRequired()).isTrue();
        assertThat(e.requiredScopes()).anySatisfy(s -> assertThat(s).contains(GlobusScopes.dataAccess(id)));

        Pkce pkce = Pkce.generate();
        var url = h.auth.authorizeUrl(AuthorizeRequest.builder(pkce).requiredScopes(e.requiredScopes()).build());
        TokenSet consent = h.auth.exchangeCode(h.approve(url), pkce, null);
        TransferClient withConsent = transfer.withTokens(h.manager(consent));
        assertThat(withConsent.ls(id, "/").dataType()).isEqualTo("file_list");
    }

    @Test
    void foreignEndpointIsForbidden() throws Exception {
        h.createIdentity("mallory");
        String id = endpoint("Mallory Private", dir.resolve("mallory"), Map.of("owner", "mallory"));
        assertThatThrownBy(() -> transfer.ls(id, "/")).isInstanceOfSatisfying(GlobusApiException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).contains("PermissionDenied");
        });
    }

    // ---- transfers and tasks ----

    @Test
    void submitsManyItemsFollowsTheTaskAndReadsItsHistory() throws Exception {
        Path src = dir.resolve("src");
        Path dst = dir.resolve("dst");
        Files.createDirectories(src);
        Files.writeString(src.resolve("one.sif"), "1".repeat(1000));
        Files.writeString(src.resolve("two.sif"), "2".repeat(2000));
        Files.writeString(src.resolve("three.sif"), "3".repeat(3000));
        String s = endpoint("Source", src, Map.of());
        String d = endpoint("Destination", dst, Map.of());
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        String label = "many items " + UUID.randomUUID();

        TransferResult result = transfer.submitTransfer(TransferRequest.builder(s, d)
                .label(label).syncLevel(SyncLevel.CHECKSUM).verifyChecksum(true).notify(false, false, false)
                .deadline(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1))
                .addFile("/one.sif", "/one.sif").addFile("/two.sif", "/two.sif").addFile("/three.sif", "/three.sif")
                .build());
        assertThat(result.code()).isEqualTo("Accepted");
        assertThat(result.taskId()).isNotBlank();
        assertThat(result.submissionId()).isNotBlank();

        Task done = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> transfer.getTask(result.taskId()), Task::isFinished);
        assertThat(done.status()).isEqualTo("SUCCEEDED");
        assertThat(done.label()).isEqualTo(label);
        assertThat(done.type()).isEqualTo("TRANSFER");
        assertThat(done.sourceEndpointId()).isEqualTo(s);
        assertThat(done.destinationEndpointId()).isEqualTo(d);
        assertThat(done.filesTransferred()).isEqualTo(3);
        assertThat(done.bytesTransferred()).isEqualTo(6000);
        assertThat(done.completionTime()).isNotNull();
        assertThat(done.requestTime()).isNotNull();
        assertThat(Files.readString(dst.resolve("two.sif"))).hasSize(2000);

        h.simConfig(Map.of("successful_transfers_page_size", 1));
        h.resetStats();
        assertThat(transfer.successfulTransfers(result.taskId())).extracting(SuccessfulTransfer::destinationPath)
                .containsExactlyInAnyOrder("/one.sif", "/two.sif", "/three.sif");
        assertThat(h.requests("GET /transfer/v0.10/task/{task_id}/successful_transfers")).isGreaterThanOrEqualTo(3);
        SuccessfulTransfersPage firstPage = transfer.successfulTransfersPage(result.taskId(), null);
        assertThat(firstPage.data()).hasSize(1);
        assertThat(firstPage.nextMarker()).isNotNull();

        TransferResult again = transfer.submitTransfer(TransferRequest.builder(s, d)
                .submissionId(result.submissionId()).label(label).addFile("/one.sif", "/one.sif").build());
        assertThat(again.isDuplicate()).isTrue();
        assertThat(again.taskId()).isEqualTo(result.taskId());

        TaskListQuery finished = TaskListQuery.all().withTypes("TRANSFER").withStatuses("SUCCEEDED", "FAILED")
                .withCompletionTime(before, null).withOrderBy("completion_time ASC");
        assertThat(transfer.taskList(finished)).extracting(Task::taskId).contains(result.taskId());
        assertThat(transfer.taskList(TaskListQuery.all().withTaskIds(List.of(result.taskId()))))
                .extracting(Task::taskId).containsExactly(result.taskId());
        assertThat(transfer.taskList(TaskListQuery.all().withCompletionTime(null, before))).extracting(Task::taskId)
                .doesNotContain(result.taskId());

        assertThat(transfer.eventList(result.taskId(), null)).isNotNull();
        EventPage events = transfer.eventListPage(result.taskId(), null, 0, 10);
        assertThat(events.dataType()).isEqualTo("event_list");
    }

    @Test
    void taskListPagesByOffsetAndTotal() throws Exception {
        Path src = dir.resolve("tl-src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("f"), "x");
        String s = endpoint("TL Source", src, Map.of());
        String d = endpoint("TL Dest", dir.resolve("tl-dst"), Map.of());
        String label = "paging-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            transfer.submitTransfer(TransferRequest.builder(s, d).label(label).addFile("/f", "/f" + i).build());
        }
        TaskListQuery q = TaskListQuery.all().withLabel("=" + label);
        TaskPage page = transfer.taskListPage(q, 0, 2);
        assertThat(page.dataType()).isEqualTo("task_list");
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.length()).isEqualTo(2);
        h.resetStats();
        assertThat(transfer.taskList(q, 2, Integer.MAX_VALUE)).hasSize(3);
        assertThat(h.requests("GET /transfer/v0.10/task_list")).isEqualTo(2);
        assertThat(transfer.taskList(q, 1, 2)).hasSize(2);
    }

    @Test
    void cancelsAnActiveTaskAndReportsFailures() throws Exception {
        Path src = dir.resolve("c-src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("big"), "x".repeat(100));
        String s = endpoint("C Source", src, Map.of());
        String d = endpoint("C Dest", dir.resolve("c-dst"), Map.of());
        h.simConfig(Map.of("hold_transfers", true));
        try {
            TransferResult held = transfer.submitTransfer(TransferRequest.builder(s, d).addFile("/big", "/big").build());
            assertThat(transfer.getTask(held.taskId()).status()).isEqualTo("ACTIVE");
            OperationResult canceled = transfer.cancelTask(held.taskId());
            assertThat(canceled.code()).isEqualTo("Canceled");
            await().atMost(Duration.ofSeconds(10)).until(() -> transfer.getTask(held.taskId()).isFinished());
            assertThat(transfer.getTask(held.taskId()).status()).isEqualTo("FAILED");

            TransferResult doomed = transfer.submitTransfer(TransferRequest.builder(s, d).addFile("/big", "/big2").build());
            h.failTask(doomed.taskId());
            Task failed = await().atMost(Duration.ofSeconds(10))
                    .until(() -> transfer.getTask(doomed.taskId()), Task::isFinished);
            assertThat(failed.isFailed()).isTrue();
        } finally {
            h.simConfig(Map.of("hold_transfers", false));
        }

        TransferResult missing = transfer.submitTransfer(TransferRequest.builder(s, d)
                .addFile("/does-not-exist", "/x").build());
        Task failed = await().atMost(Duration.ofSeconds(10))
                .until(() -> transfer.getTask(missing.taskId()), Task::isFinished);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.problem()).isNotBlank();
        assertThat(transfer.eventList(missing.taskId(), true)).isNotEmpty();
    }

    @Test
    void emptyTransferAndUnknownTaskAreClientErrors() throws Exception {
        String s = endpoint("E Source", dir.resolve("e-src"), Map.of());
        assertThatThrownBy(() -> transfer.submitTransfer(TransferRequest.builder(s, s).build()))
                .isInstanceOfSatisfying(GlobusApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.isCode("ClientError.BadRequest")).isTrue();
                });
        assertThatThrownBy(() -> transfer.getTask(UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(GlobusApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(h.sleeps()).isEmpty();
    }

    @Test
    void submissionIdsAreFreshEachTime() {
        String a = transfer.submissionId();
        String b = transfer.submissionId();
        assertThat(a).isNotBlank().isNotEqualTo(b);
    }

}
