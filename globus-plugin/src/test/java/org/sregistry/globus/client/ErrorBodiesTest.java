package org.sregistry.globus.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorBodiesTest {

    @Test
    void transferErrorWithCodePrefixMatching() {
        GlobusApiException e = ErrorBodies.toException(404, """
                {"code":"ClientError.NotFound","message":"Directory '/~/nope/' not found","request_id":"aaabbbccc",
                 "resource":"/v0.10/operation/endpoint/x/ls"}""", "GET", "/v0.10/operation/endpoint/x/ls", false);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.isCode("ClientError")).isTrue();
        assertThat(e.isCode("ClientError.NotFound")).isTrue();
        assertThat(e.isCode("ClientError.Not")).isFalse();
        assertThat(e.requestId()).isEqualTo("aaabbbccc");
        assertThat(e.resource()).isEqualTo("/v0.10/operation/endpoint/x/ls");
        assertThat(e.notFound()).isTrue();
        assertThat(e.getMessage()).contains("404", "ClientError.NotFound", "aaabbbccc");
    }

    @Test
    void consentRequiredScopesFromAllThreePlaces() {
        String scope = "urn:globus:auth:scope:transfer.api.globus.org:all[*https://auth.globus.org/scopes/c1/data_access]";
        GlobusApiException list = ErrorBodies.toException(403,
                "{\"code\":\"ConsentRequired\",\"message\":\"m\",\"required_scopes\":[\"" + scope + "\"]}",
                "GET", "/p", false);
        GlobusApiException single = ErrorBodies.toException(403,
                "{\"code\":\"ConsentRequired\",\"required_scope\":\"" + scope + "\"}", "GET", "/p", false);
        GlobusApiException nested = ErrorBodies.toException(403,
                "{\"code\":\"ConsentRequired\",\"authorization_parameters\":{\"required_scopes\":[\"" + scope + "\"]}}",
                "GET", "/p", false);
        for (GlobusApiException e : new GlobusApiException[] {list, single, nested}) {
            assertThat(e.consentRequired()).isTrue();
            assertThat(e.requiredScopes()).containsExactly(scope);
        }
    }

    @Test
    void authorizationParametersBecomeAuthorizeParams() {
        GlobusApiException e = ErrorBodies.toException(502, """
                {"code":"ExternalError.DirListingFailed.LoginFailed","message":"Login Failed","request_id":"r",
                 "authorization_parameters":{"session_message":"Session reauthentication required",
                 "session_required_identities":[],"session_required_mfa":false,
                 "session_required_single_domain":["globus.org"],"session_required_policies":"p1,p2"}}""",
                "GET", "/p", false);
        assertThat(e.authorizationParameters().toQueryParams())
                .containsEntry("session_required_single_domain", "globus.org")
                .containsEntry("session_required_policies", "p1,p2")
                .containsEntry("session_message", "Session reauthentication required")
                .doesNotContainKey("session_required_identities")
                .doesNotContainKey("session_required_mfa");
    }

    @Test
    void authApiAndOAuthShapes() {
        GlobusApiException auth = ErrorBodies.toException(401, """
                {"errors":[{"status":"401","id":"e1","code":"UNAUTHORIZED","detail":"bad token","title":"Unauthorized"}],
                 "error":"unauthorized","error_description":"Unauthorized"}""", "GET", "/v2/oauth2/userinfo", false);
        assertThat(auth.code()).isEqualTo("UNAUTHORIZED");
        assertThat(auth.requestId()).isEqualTo("e1");
        assertThat(auth.globusMessage()).isEqualTo("bad token");

        GlobusApiException grant = ErrorBodies.toException(400, "{\"error\":\"invalid_grant\"}", "POST",
                "/v2/oauth2/token", true);
        assertThat(grant).isInstanceOf(LoginRequiredException.class);
        assertThat(grant.loginRequired()).isTrue();
        assertThat(grant.code()).isEqualTo("invalid_grant");

        GlobusApiException html = ErrorBodies.toException(502, "<html>bad gateway</html>", "GET", "/x", false);
        assertThat(html.code()).isEqualTo("HTTP502");
        assertThat(html.globusMessage()).contains("bad gateway");
    }
}
