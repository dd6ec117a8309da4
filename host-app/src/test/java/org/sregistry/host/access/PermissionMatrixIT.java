package org.sregistry.host.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.users.Role;

/**
 * Every role against every action on a public and a private collection, through each front door
 * (REST, pages, {@code /v2/} with Basic, the token endpoint's grants, {@code library://}), on the
 * real server. A caller who may not see a collection gets exactly the answer for a missing one.
 */
class PermissionMatrixIT {
    private static final String PASSWORD = "a-long-test-password";

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder()
            .config("REGISTRY_ANY_FILE_COLLECTIONS", "*").build();

    /** The callers: anonymous, a user with no rights, pull and push members, the owner, a registry admin. */
    enum Caller { ANONYMOUS, OUTSIDER, PULLER, PUSHER, OWNER, ADMIN }

    @BeforeAll
    static void collections() {
        registry.createUser("olive", Role.USER, PASSWORD);
        registry.createUser("pam", Role.USER, PASSWORD);
        registry.createUser("pete", Role.USER, PASSWORD);
        registry.createUser("oscar", Role.USER, PASSWORD);
        RegistryClient olive = client(Caller.OWNER);
        for (String collection : List.of("pub", "priv")) {
            assertThat(push(olive, collection + "/img:1").statusCode()).as("the first push makes olive the owner")
                    .isEqualTo(201);
            HttpResponse<String> set = olive.send(olive.request("/api/collections/" + collection)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"visibility\":\""
                            + (collection.equals("pub") ? "public" : "private") + "\",\"members\":["
                            + "{\"user\":\"pam\",\"permission\":\"pull\"},{\"user\":\"pete\",\"permission\":\"push\"}]}")));
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        }
    }

    static RegistryClient client(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> registry.anonymous();
            case OUTSIDER -> registry.as("oscar", PASSWORD);
            case PULLER -> registry.as("pam", PASSWORD);
            case PUSHER -> registry.as("pete", PASSWORD);
            case OWNER -> registry.as("olive", PASSWORD);
            case ADMIN -> registry.admin();
        };
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        // caller, collection, pull, push, delete, token grants for pull,push, listed
        add(rows, Caller.ANONYMOUS, "pub", 401, 401, 401, null, false);
        add(rows, Caller.ANONYMOUS, "priv", 401, 401, 401, null, false);
        add(rows, Caller.OUTSIDER, "pub", 200, 403, 403, "pull", true);
        add(rows, Caller.OUTSIDER, "priv", 404, 403, 404, "", false);
        add(rows, Caller.PULLER, "pub", 200, 403, 403, "pull", true);
        add(rows, Caller.PULLER, "priv", 200, 403, 403, "pull", true);
        add(rows, Caller.PUSHER, "pub", 200, 201, 403, "pull,push", true);
        add(rows, Caller.PUSHER, "priv", 200, 201, 403, "pull,push", true);
        add(rows, Caller.OWNER, "pub", 200, 201, 204, "pull,push", true);
        add(rows, Caller.OWNER, "priv", 200, 201, 204, "pull,push", true);
        add(rows, Caller.ADMIN, "pub", 200, 201, 204, "pull,push", true);
        add(rows, Caller.ADMIN, "priv", 200, 201, 204, "pull,push", true);
        return rows.stream();
    }

    private static void add(List<Arguments> rows, Caller caller, String collection, int pull, int push, int delete,
                            String grants, boolean listed) {
        rows.add(Arguments.of(caller, collection, pull, push, delete, grants, listed));
    }

    @ParameterizedTest(name = "{0} on {1}: pull {2}, push {3}, delete {4}, grants [{5}], listed {6}")
    @MethodSource("matrix")
    void eachDoorAnswersAsTheTableSays(Caller caller, String collection, int pull, int push, int delete, String grants,
                                       boolean listed) {
        RegistryClient c = client(caller);
        String image = collection + "/img:1";

        // REST
        assertThat(c.get("/api/container/" + image).statusCode()).as("REST inspect").isEqualTo(pull);
        assertThat(c.sendBytes(c.request("/api/container/" + image + "/download").GET()).statusCode())
                .as("REST download").isEqualTo(pull);
        String pushed = collection + "/by-" + caller.name().toLowerCase() + ":1";
        assertThat(push(c, pushed).statusCode()).as("REST push").isEqualTo(push == 201 ? 201 : push);
        String doomed = collection + "/doomed-" + caller.name().toLowerCase() + ":1";
        assertThat(push(registry.admin(), doomed).statusCode()).isEqualTo(201);
        assertThat(c.send(c.request("/api/container/" + doomed).DELETE()).statusCode()).as("REST delete")
                .isEqualTo(delete);
        HttpResponse<String> list = c.get("/api/containers?q=" + image);
        if (caller == Caller.ANONYMOUS) {
            assertThat(list.statusCode()).isEqualTo(401);
        } else {
            assertThat(list.body().contains("\"" + collection + "/img:1")).as("listed").isEqualTo(listed);
        }

        // pages (HTTP Basic works there too)
        int page = c.send(c.request("/container/" + image).header("Accept", "text/html").GET()).statusCode();
        assertThat(page).as("image page").isEqualTo(caller == Caller.ANONYMOUS ? 302 : pull);

        // /v2/ with Basic
        HttpResponse<String> manifest = c.send(c.request("/v2/" + collection + "/img/manifests/1")
                .header("Accept", "application/vnd.oci.image.manifest.v1+json").GET());
        assertThat(manifest.statusCode()).as("/v2/ manifest GET").isEqualTo(pull);
        if (pull == 404) {
            assertThat(manifest.body()).contains("NAME_UNKNOWN");
        }
        HttpResponse<String> upload = c.send(c.request("/v2/" + collection + "/v2-" + caller.name().toLowerCase()
                + "/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(upload.statusCode()).as("/v2/ upload start").isEqualTo(push == 201 ? 202 : push);

        // the token endpoint grants the requested scope cut down to what the caller may do
        HttpResponse<String> token = c.get("/v2/token?service=registry&scope=repository:" + collection
                + "/img:pull,push");
        if (grants == null) {
            assertThat(token.statusCode()).isEqualTo(401);
        } else {
            assertThat(token.statusCode()).isEqualTo(200);
            assertThat(OciTokenClaims.grantedActions(token.body(), collection + "/img")).isEqualTo(grants);
        }

        // library://
        int library = c.get("/v1/images/" + image).statusCode();
        assertThat(library).as("library image lookup").isEqualTo(pull);
    }

    @Test
    void aHiddenCollectionIsAnsweredExactlyLikeAMissingOne() {
        RegistryClient oscar = client(Caller.OUTSIDER);
        HttpResponse<String> hidden = oscar.get("/api/container/priv/img:1");
        HttpResponse<String> missing = oscar.get("/api/container/nosuch/img:1");
        assertThat(hidden.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(404);
        assertThat(hidden.body().replace("priv/img:1", "X")).isEqualTo(missing.body().replace("nosuch/img:1", "X"));

        HttpResponse<String> hiddenV2 = oscar.get("/v2/priv/img/manifests/1");
        HttpResponse<String> missingV2 = oscar.get("/v2/nosuch/img/manifests/1");
        assertThat(hiddenV2.statusCode()).isEqualTo(missingV2.statusCode()).isEqualTo(404);
        assertThat(hiddenV2.body()).isEqualTo(missingV2.body());
        assertThat(oscar.get("/v2/priv/img/tags/list").body()).isEqualTo(oscar.get("/v2/nosuch/img/tags/list").body());

        assertThat(oscar.get("/v2/_catalog").body()).contains("pub/img").doesNotContain("priv/");
        assertThat(client(Caller.PULLER).get("/v2/_catalog").body()).contains("pub/img", "priv/img");
        assertThat(oscar.get("/api/collections").body()).contains("\"pub\"").doesNotContain("\"priv\"");
        assertThat(oscar.get("/api/collections/priv").statusCode()).isEqualTo(404);
        assertThat(oscar.get("/").body()).contains("pub/img").doesNotContain("priv/img");
    }

    @Test
    void onlyAdministratorsReachTheAdminPages() {
        RegistryClient oscar = client(Caller.OUTSIDER);
        for (String path : List.of("/api/users", "/api/plugins", "/settings", "/logs", "/users", "/metrics")) {
            assertThat(oscar.get(path).statusCode()).as(path).isEqualTo(403);
            assertThat(registry.admin().get(path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(oscar.get("/api/me").body()).contains("\"username\":\"oscar\"", "\"admin\":false");
        RegistryClient browser = registry.browserAs("oscar", PASSWORD);
        HttpResponse<String> page = browser.send(browser.request("/settings").header("Accept", "text/html").GET());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Only registry administrators may use this page");
        assertThat(browser.get("/").body()).as("no admin links in the menu").doesNotContain("href=\"/settings\"")
                .contains("href=\"/profile\"");
        assertThat(oscar.get("/profile").statusCode()).isEqualTo(200);
    }

    @Test
    void aMembershipRemovedEndsAccessAtOnceEvenWithALiveToken() {
        RegistryClient olive = client(Caller.OWNER);
        assertThat(push(olive, "later/img:1").statusCode()).isEqualTo(201);
        olive.send(olive.request("/api/collections/later").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"members\":[{\"user\":\"pam\",\"permission\":\"pull\"}]}")));
        RegistryClient pam = client(Caller.PULLER);
        String token = OciTokenClaims.token(pam.get("/v2/token?service=registry&scope=repository:later/img:pull").body());
        RegistryClient bearer = registry.withToken(token);
        assertThat(bearer.get("/v2/later/img/manifests/1").statusCode()).isEqualTo(200);

        olive.send(olive.request("/api/collections/later").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"members\":[]}")));
        assertThat(bearer.get("/v2/later/img/manifests/1").statusCode()).as("within the token's life").isEqualTo(404);
    }

    @Test
    void whoMayCreateCollectionsAndWhatOwnersManage() {
        RegistryClient oscar = client(Caller.OUTSIDER);
        assertThat(push(oscar, "oscars/tool:1").statusCode()).isEqualTo(201);
        assertThat(oscar.get("/api/collections/oscars").body()).contains("\"owner\":{\"user\":\"oscar\"",
                "\"visibility\":\"private\"", "\"yourPermission\":\"admin\"");
        assertThat(client(Caller.PULLER).get("/api/container/oscars/tool:1").statusCode()).isEqualTo(404);
        HttpResponse<String> notHis = oscar.send(oscar.request("/api/collections/pub").header("Content-Type",
                "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"visibility\":\"private\"}")));
        assertThat(notHis.statusCode()).isEqualTo(403);
        HttpResponse<String> bad = oscar.send(oscar.request("/api/collections/oscars").header("Content-Type",
                "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"visibility\":\"secret\"}")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("visibility must be public or private");
        String audit = registry.admin().get("/api/audit?action=collection.").body();
        assertThat(audit).contains("\"action\":\"collection.create\"", "\"target\":\"oscars\"",
                "\"action\":\"collection.update\"", "\"target\":\"pub\"", "user:pam=pull");
    }

    @Test
    void ownersHandCollectionsOnOnlyToThemselvesAndARefusedChangeChangesNothing() {
        RegistryClient oscar = client(Caller.OUTSIDER);
        assertThat(put(oscar, "framed", "{\"owner\":{\"user\":\"olive\"}}").statusCode())
                .as("a new collection cannot be pinned on someone else").isEqualTo(403);
        assertThat(registry.server().collections().find("framed")).isEmpty();
        HttpResponse<String> ghost = put(oscar, "ghostly", "{\"owner\":{\"user\":\"ghost\"}}");
        assertThat(ghost.statusCode()).isEqualTo(400);
        assertThat(ghost.body()).contains("no user named ghost");
        assertThat(registry.server().collections().find("ghostly")).as("a 400 creates nothing").isEmpty();
        HttpResponse<String> twice = put(oscar, "twice", "{\"members\":[{\"user\":\"pam\",\"permission\":\"pull\"},"
                + "{\"user\":\"pam\",\"permission\":\"push\"}]}");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("user pam is listed twice");

        // an admin member manages members and visibility, but cannot take the collection from its owner
        RegistryClient olive = client(Caller.OWNER);
        assertThat(push(olive, "shared/img:1").statusCode()).isEqualTo(201);
        assertThat(put(olive, "shared", "{\"members\":[{\"user\":\"oscar\",\"permission\":\"admin\"}]}").statusCode())
                .isEqualTo(200);
        assertThat(put(oscar, "shared", "{\"visibility\":\"public\"}").statusCode()).isEqualTo(200);
        assertThat(put(oscar, "shared", "{\"owner\":{\"user\":\"oscar\"},\"members\":[]}").statusCode())
                .isEqualTo(403);
        assertThat(olive.get("/api/collections/shared").body()).contains("\"owner\":{\"user\":\"olive\"");

        // a hidden collection and one the caller may not change answer alike
        HttpResponse<String> hidden = put(oscar, "priv", "{\"visibility\":\"public\"}");
        HttpResponse<String> visible = put(oscar, "pub", "{\"visibility\":\"private\"}");
        assertThat(hidden.statusCode()).isEqualTo(visible.statusCode()).isEqualTo(403);
        assertThat(hidden.body().replace("priv", "X")).isEqualTo(visible.body().replace("pub", "X"));
    }

    static HttpResponse<String> put(RegistryClient c, String collection, String json) {
        return c.send(c.request("/api/collections/" + collection).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    static HttpResponse<String> push(RegistryClient c, String image) {
        String path = image.replace(":", ":");
        int colon = path.lastIndexOf(':');
        return c.send(c.request("/api/containers/" + path.substring(0, colon) + ":" + path.substring(colon + 1))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofString("bytes of " + image)));
    }
}
