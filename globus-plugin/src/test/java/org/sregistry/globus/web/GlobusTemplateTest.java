package org.sregistry.globus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.client.UserInfo;
import org.sregistry.globus.connection.ConnectionStatus;

/** The page template escapes everything that comes from Globus or the configuration. */
class GlobusTemplateTest {
    private final Templates templates = new Templates();
    private final GlobusPageModel.RegistryEndpointModel endpoint = new GlobusPageModel.RegistryEndpointModel(
            null, "registry --data-dir /d globus create-endpoint", "crusty-lemon-0042", "/d/globus-staging",
            "/d/globus-staging/");

    @Test
    void anIdentityNameFromGlobusRendersAsText() {
        UserInfo evil = new UserInfo("sub", "<script>alert(1)</script>", null, null, null, null, null, null);
        ConnectionStatus status = new ConnectionStatus(ConnectionStatus.State.CONNECTED, evil,
                Instant.parse("2026-01-01T00:00:00Z"), true, null);
        String html = templates.render("globus.jte", new GlobusPageModel("<input type=\"hidden\" name=\"_csrf\">",
                status, null, null, "registry globus update-tokens", endpoint, null, null));
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
                .contains("2026-01-01 00:00:00 UTC", "name=\"_csrf\"", "id=\"globus-endpoint-missing\"",
                        "crusty-lemon-0042");
    }

    @Test
    void theAuthorizeUrlIsAnEscapedAttributeAndTheProblemIsText() {
        ConnectionStatus status = new ConnectionStatus(ConnectionStatus.State.NEEDS_UPDATE, null, null, true,
                "Globus said <b>no</b>.");
        String html = templates.render("globus.jte", new GlobusPageModel("", status,
                "https://auth.example/authorize?a=1&b=\"x\"", null, "registry globus update-tokens", endpoint, null,
                null));
        assertThat(html).contains("href=\"https://auth.example/authorize?a=1&amp;b=&#34;x&#34;\"")
                .contains("Globus said &lt;b&gt;no&lt;/b&gt;.", "id=\"globus-needs-update\"", "Connect Globus");
    }

    @Test
    void aConnectionFromTheSignInSaysSo() {
        UserInfo who = new UserInfo("658064e9-0000-4000-8000-00000000a11c", null, null, null, null, null, null, null);
        ConnectionStatus status = new ConnectionStatus(ConnectionStatus.State.CONNECTED, who,
                Instant.parse("2026-01-01T00:00:00Z"), true, null);
        String signIn = templates.render("globus.jte", new GlobusPageModel("", status, null, null,
                "registry globus update-tokens", endpoint, null, null, EndpointsModel.none(), true, null, true));
        assertThat(signIn).contains("id=\"globus-from-sign-in\"", "Connected automatically from your Globus sign-in",
                "658064e9-0000-4000-8000-00000000a11c", "id=\"globus-disconnect\"");
        String connect = templates.render("globus.jte", new GlobusPageModel("", status, null, null,
                "registry globus update-tokens", endpoint, null, null, EndpointsModel.none(), true, null, false));
        assertThat(connect).doesNotContain("globus-from-sign-in").contains("id=\"globus-connected\"");
    }
}
