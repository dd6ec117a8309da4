package org.sregistry.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.api.Access;
import org.sregistry.host.audit.AuditEvent;
import org.sregistry.host.audit.AuditQuery;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;
import org.sregistry.host.users.Role;
import org.sregistry.host.users.UserStore;

/**
 * The plugin facets {@code access()} and {@code audit()} on the real server: a plugin's answers are the host's
 * permission rules (a non-admin may not push into someone else's private collection nor see its images), and its
 * audit events carry the plugin id. Plugin pages stay admin-only.
 */
class PluginAccessIT {
    private static final String PASSWORD = "a-long-test-password";

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
            .config("REGISTRY_ANY_FILE_COLLECTIONS", "*").build();

    static HostAccess access;

    @BeforeAll
    static void users() {
        registry.createUser("olive", Role.USER, PASSWORD);
        registry.createUser("oscar", Role.USER, PASSWORD);
        registry.createUser("gone", Role.USER, PASSWORD);
        RegistryClient olive = registry.as("olive", PASSWORD);
        HttpResponse<String> pushed = olive.send(olive.request("/api/containers/olives/secret:1")
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofString("bytes")));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        HttpResponse<String> set = olive.send(olive.request("/api/collections/olives")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"visibility\":\"private\"}")));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        var server = registry.server();
        access = new HostAccess(server.permissions(), server.users(), server.registry());
    }

    @Test
    void aUserMayNotPushIntoAnotherUsersPrivateCollectionNorSeeItsImages() {
        Access.Caller oscar = access.user("oscar").orElseThrow();
        assertThat(oscar).isEqualTo(new Access.Caller("oscar", "", false, registry.server().users().byName("oscar")
                .orElseThrow().id()));
        assertThat(access.mayPush(oscar, "olives")).isFalse();
        assertThat(access.mayPull(oscar, "olives/secret:1")).as("hidden").isFalse();
        assertThat(access.mayPull(oscar, "olives/missing:1")).as("missing: the same answer").isFalse();
        assertThat(access.mayPull(oscar, "not a name!")).isFalse();

        Access.Caller olive = access.user("olive").orElseThrow();
        assertThat(access.mayPull(olive, "olives/secret:1")).isTrue();
        assertThat(access.mayPush(olive, "olives")).isTrue();
        Access.Caller admin = access.user("admin").orElseThrow();
        assertThat(admin.admin()).isTrue();
        assertThat(access.mayPull(admin, "olives/secret:1")).isTrue();
    }

    @Test
    void theOwnerAndAdministratorsMayManageACollectionOthersMayNot() {
        Access.Caller olive = access.user("olive").orElseThrow();
        Access.Caller oscar = access.user("oscar").orElseThrow();
        Access.Caller admin = access.user("admin").orElseThrow();
        assertThat(access.mayManage(olive, "olives")).isTrue();
        assertThat(access.mayManage(oscar, "olives")).isFalse();
        assertThat(access.mayManage(admin, "olives")).isTrue();
        assertThat(access.mayManage(oscar, "nobodys")).as("missing").isFalse();
        assertThat(registry.server().collections().find("nobodys")).as("not created by asking").isEmpty();
        assertThat(access.mayManage(null, "olives")).isFalse();
        assertThat(access.mayManage(olive, " ")).isFalse();
    }

    @Test
    void mayPushOnANewCollectionMakesItTheCallers() {
        Access.Caller oscar = access.user("oscar").orElseThrow();
        assertThat(access.mayPush(oscar, "oscars")).isTrue();
        String owner = registry.server().collections().find("oscars").orElseThrow().ownerUserId();
        assertThat(owner).isEqualTo(registry.server().users().byName("oscar").orElseThrow().id());
        assertThat(access.mayPush(access.user("olive").orElseThrow(), "oscars")).isFalse();
    }

    @Test
    void unknownAndDisabledUsersAreNobodyAndOutsideARequestThereIsNoCaller() {
        assertThat(access.user("nobody")).isEmpty();
        assertThat(access.user(null)).isEmpty();
        assertThat(access.caller()).isEmpty();
        Access.Caller before = access.user("gone").orElseThrow();
        UserStore users = registry.server().users();
        users.update(users.byName("gone").orElseThrow().id(), new UserStore.Change(null, null, null, false, null));
        assertThat(access.user("gone")).isEmpty();
        assertThat(access.mayPush(before, "gones")).as("a caller whose account was disabled since").isFalse();
        assertThat(access.mayPull(null, "olives/secret:1")).isFalse();
    }

    @Test
    void auditEventsArePrefixedWithThePluginIdAndKeepNoSecrets() {
        new HostAuditLog("sample", registry.server().audit(), registry.server().users()).record("transfer.get", "olives",
                Map.of("task", "t-1", "refresh_token", "never stored"));
        List<AuditEvent> events = registry.server().audit()
                .query(new AuditQuery(null, "sample.", null, null, 10, null)).events();
        assertThat(events).hasSize(1);
        AuditEvent event = events.get(0);
        assertThat(event.action()).isEqualTo("sample.transfer.get");
        assertThat(event.target()).isEqualTo("olives");
        assertThat(event.outcome()).isEqualTo("ok");
        assertThat(event.details()).containsEntry("task", "t-1").doesNotContainKey("refresh_token");
    }

    @Test
    void pluginPagesStayAdminOnly() {
        assertThat(registry.as("oscar", PASSWORD).get("/api/sample/hello").statusCode()).isEqualTo(403);
        assertThat(registry.admin().get("/api/sample/hello").statusCode()).isNotEqualTo(403);
    }
}
