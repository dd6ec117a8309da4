package org.sregistry.globus.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The access rule documents of globus-sharing-oidc.md §1 (ids invented), as the client reads and writes them. */
class AccessRuleDocumentsTest {

    private static <T> T parse(String json, Class<T> type) throws Exception {
        return GlobusJson.read(GlobusJson.mapper().readTree(json), type);
    }

    @Test
    void theCreateResultGivesTheAccessId() throws Exception {
        AccessRuleCreated created = parse("""
                {"code":"Created","DATA_TYPE":"access_create_result",
                 "access_id":"3f2a7c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b","message":"Access rule created successfully.",
                 "resource":"/endpoint/6c1b2f1e-0000-4000-8000-000000000001/access","request_id":"abc123XYZ"}""",
                AccessRuleCreated.class);
        assertThat(created.code()).isEqualTo("Created");
        assertThat(created.dataType()).isEqualTo("access_create_result");
        assertThat(created.ruleId()).isEqualTo("3f2a7c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b");
        assertThat(created.requestId()).isEqualTo("abc123XYZ");
    }

    @Test
    void anIntAccessIdAndTheJsSdksAccessDocumentShapeBothGiveTheId() throws Exception {
        assertThat(parse("{\"DATA_TYPE\":\"access_create_result\",\"code\":\"Created\",\"access_id\":12345}",
                AccessRuleCreated.class).ruleId()).isEqualTo("12345");
        assertThat(parse("{\"DATA_TYPE\":\"access\",\"id\":\"9d0e1f2a-0000-4000-8000-00000000000a\",\"path\":\"/x/\"}",
                AccessRuleCreated.class).ruleId()).isEqualTo("9d0e1f2a-0000-4000-8000-00000000000a");
        assertThat(parse("{\"DATA_TYPE\":\"access_create_result\",\"code\":\"Created\"}", AccessRuleCreated.class)
                .ruleId()).isNull();
    }

    @Test
    void anAccessListWithARoleEntryWithoutIdAndAnIntId() throws Exception {
        AccessListPage page = parse("""
                {"DATA_TYPE":"access_list","endpoint":"6c1b2f1e-0000-4000-8000-000000000001","length":3,
                 "DATA":[
                  {"DATA_TYPE":"access","id":null,"principal_type":"identity",
                   "principal":"658064e9-0d05-48bf-a580-0c08dd3b1e8c","path":"/","permissions":"rw",
                   "role_id":"7b4c0e22-0000-4000-8000-0000000000aa","role_type":"administrator",
                   "create_time":"2025-01-02T03:04:05+00:00"},
                  {"DATA_TYPE":"access","id":"3f2a7c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b","principal_type":"identity",
                   "principal":"a1b2c3d4-0000-4000-8000-0000000000b0","path":"/dataset1/","permissions":"r",
                   "notify_email":null,"expiration_date":"2026-01-02 00:00:00+00:00",
                   "create_time":"2025-06-01T10:00:00+00:00","role_id":null,"role_type":null},
                  {"DATA_TYPE":"access","id":102,"principal_type":"all_authenticated_users","principal":"",
                   "path":"/public/","permissions":"r"}]}""", AccessListPage.class);
        assertThat(page.endpoint()).isEqualTo("6c1b2f1e-0000-4000-8000-000000000001");
        assertThat(page.length()).isEqualTo(3);
        assertThat(page.total()).isNull();
        assertThat(page.data()).hasSize(3);

        AccessRule role = page.data().get(0);
        assertThat(role.id()).isNull();
        assertThat(role.isRoleEntry()).isTrue();
        assertThat(role.roleType()).isEqualTo("administrator");

        AccessRule rule = page.data().get(1);
        assertThat(rule.isRoleEntry()).isFalse();
        assertThat(rule.path()).isEqualTo("/dataset1/");
        assertThat(rule.permissions()).isEqualTo("r");
        assertThat(rule.expirationDate()).isEqualTo(OffsetDateTime.of(2026, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(rule.createTime()).isEqualTo(OffsetDateTime.of(2025, 6, 1, 10, 0, 0, 0, ZoneOffset.UTC));

        AccessRule intId = page.data().get(2);
        assertThat(intId.id()).isEqualTo("102");
        assertThat(intId.isRoleEntry()).isFalse();
        assertThat(intId.principal()).isEmpty();
    }

    @Test
    void theLastPageIsKnownByTotalByAShortPageOrByAnIgnoredLimit() throws Exception {
        String rule = "{\"id\":\"r\"}";
        AccessListPage twoOfFive = parse("{\"offset\":0,\"limit\":2,\"total\":5,\"DATA\":[" + rule + "," + rule + "]}",
                AccessListPage.class);
        assertThat(twoOfFive.isLast(0, 2)).isFalse();
        assertThat(twoOfFive.isLast(3, 2)).isTrue();
        AccessListPage noTotal = parse("{\"DATA\":[" + rule + "," + rule + "]}", AccessListPage.class);
        assertThat(noTotal.isLast(0, 2)).isFalse();
        assertThat(noTotal.isLast(0, 3)).isTrue();
        assertThat(noTotal.isLast(0, 1)).isTrue(); // longer than asked: Globus sent everything
        assertThat(parse("{\"DATA_TYPE\":\"access_list\"}", AccessListPage.class).isLast(0, 10)).isTrue();
    }

    @Test
    void theRequestIsAnAccessDocumentWithADirectoryPath() {
        JsonNode doc = AccessRuleRequest.identity("a1b2c3d4-0000-4000-8000-0000000000b0", "t/x", "rw",
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 600, ZoneOffset.UTC)).toJson();
        assertThat(doc.toString()).isEqualTo("{\"DATA_TYPE\":\"access\",\"principal_type\":\"identity\","
                + "\"principal\":\"a1b2c3d4-0000-4000-8000-0000000000b0\",\"path\":\"/t/x/\",\"permissions\":\"rw\","
                + "\"expiration_date\":\"2026-01-02T03:04:05Z\"}");
        assertThat(AccessRuleRequest.identity("a", "/d/", "r", null).toJson().has("expiration_date")).isFalse();
        assertThatThrownBy(() -> AccessRuleRequest.identity("a", "/d/", "w", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void existsAndPermissionDeniedAreRecognisedOtherCodesStayAsGlobusGaveThem() {
        GlobusApiException exists = ErrorBodies.toException(409, "{\"code\":\"Exists\",\"message\":\"already\","
                + "\"request_id\":\"r1\"}", "POST", "/v0.10/endpoint/x/access", false);
        GlobusApiException denied = ErrorBodies.toException(403, "{\"code\":\"PermissionDenied\",\"message\":\"no\"}",
                "POST", "/v0.10/endpoint/x/access", false);
        GlobusApiException storage = ErrorBodies.toException(403, "{\"code\":\"EndpointPermissionDenied\"}",
                "POST", "/p", false);
        GlobusApiException limit = ErrorBodies.toException(409, "{\"code\":\"SomeFutureLimit.Code\"}",
                "POST", "/p", false);
        assertThat(exists.exists()).isTrue();
        assertThat(exists.permissionDenied()).isFalse();
        assertThat(denied.permissionDenied()).isTrue();
        assertThat(denied.exists()).isFalse();
        assertThat(storage.permissionDenied()).isFalse();
        assertThat(limit.exists() || limit.permissionDenied()).isFalse();
        assertThat(limit.code()).isEqualTo("SomeFutureLimit.Code");
    }
}
