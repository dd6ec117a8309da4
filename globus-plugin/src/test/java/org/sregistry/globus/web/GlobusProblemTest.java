package org.sregistry.globus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.client.GlobusApiException;

class GlobusProblemTest {

    private static GlobusApiException error(int status, String code) {
        return new GlobusApiException(status, code, "said " + code, "req", null, "GET", "/x", null, List.of(), null);
    }

    @Test
    void callerMistakesAre4xxAndGlobusFailures502() {
        assertThat(GlobusProblem.of(error(404, "ClientError.NotFound"), "listing /a/").status()).isEqualTo(404);
        assertThat(GlobusProblem.of(error(404, "EndpointNotFound"), "x").kind()).isEqualTo("endpoint_not_found");
        assertThat(GlobusProblem.of(error(502, "ExternalError.DirListingFailed.NotDirectory"), "x").status())
                .isEqualTo(400);
        assertThat(GlobusProblem.of(error(403, "EndpointPermissionDenied"), "x").status()).isEqualTo(403);
        assertThat(GlobusProblem.of(error(403, "ConsentRequired"), "x").consent()).isTrue();
        assertThat(GlobusProblem.of(error(502, "ExternalError.DirListingFailed.GCDisconnected"), "x").kind())
                .isEqualTo("endpoint_offline");
        GlobusProblem outage = GlobusProblem.of(error(503, "ServiceUnavailable"), "listing endpoints");
        assertThat(outage.status()).isEqualTo(502);
        assertThat(outage.message()).contains("Globus is unavailable right now", "listing endpoints");
        assertThat(GlobusProblem.of(GlobusApiException.network("GET", "/x", new java.io.IOException("refused")), "x")
                .kind()).isEqualTo("globus_unreachable");
        assertThat(GlobusProblem.of(error(500, "EndpointError"), "x").status()).isEqualTo(502);
        assertThat(GlobusProblem.of(error(401, "ClientError.AuthenticationFailed"), "x").kind())
                .isEqualTo("login_required");
    }
}
