package org.sregistry.globus.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.client.GlobusApiException;

class ConsentScopeTest {
    private static final String ID = "cc3897ac-141c-4aed-b284-86466b2845a7";
    private static final String SCOPE = "urn:globus:auth:scope:transfer.api.globus.org:all"
            + "[*https://auth.globus.org/scopes/" + ID + "/data_access]";

    @Test
    void theTransferScopeCarriesTheCollectionsDataAccessDependency() {
        ConsentScope scope = ConsentScope.forCollection(ID);
        assertThat(scope.key()).isEqualTo(SCOPE);
        assertThat(scope.scopes()).containsExactly(SCOPE);
    }

    @Test
    void globusRequiredScopesArePreferredWhenTheyNameTheCollection() {
        GlobusApiException error = new GlobusApiException(403, "ConsentRequired", "Missing required data_access consent",
                "r1", null, "GET", "/ls", null, List.of(SCOPE, "openid"), null);
        ConsentScope scope = ConsentScope.fromError(ID, error);
        assertThat(scope.key()).isEqualTo(SCOPE);
        assertThat(scope.scopes()).containsExactly(SCOPE, "openid");

        GlobusApiException other = new GlobusApiException(403, "ConsentRequired", "x", "r2", null, "GET", "/ls", null,
                List.of("urn:globus:auth:scope:transfer.api.globus.org:all[*https://auth.globus.org/scopes/other/data_access]"),
                null);
        assertThat(ConsentScope.fromError(ID, other).key()).isEqualTo(SCOPE);
    }
}
