package org.sregistry.host.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * With {@code REGISTRY_ANONYMOUS_PULL=true}, callers without credentials see and pull public
 * collections through every door, a private image is answered exactly like a missing one, and
 * nothing can be written.
 */
class AnonymousPullIT {
    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder()
            .config("REGISTRY_ANY_FILE_COLLECTIONS", "*").config("REGISTRY_ANONYMOUS_PULL", "true").build();

    @BeforeAll
    static void images() {
        RegistryClient admin = registry.admin();
        for (String collection : new String[] {"open", "closed"}) {
            assertThat(PermissionMatrixIT.push(admin, collection + "/img:1").statusCode()).isEqualTo(201);
        }
        assertThat(PermissionMatrixIT.put(admin, "open", "{\"visibility\":\"public\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void publicImagesAreOpenAndPrivateOnesAnswerLikeMissingOnes() {
        RegistryClient anonymous = registry.anonymous();
        assertThat(anonymous.get("/api/container/open/img:1").statusCode()).isEqualTo(200);
        HttpResponse<String> hidden = anonymous.get("/api/container/closed/img:1");
        HttpResponse<String> missing = anonymous.get("/api/container/closed/nothing:1");
        assertThat(hidden.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(404);
        assertThat(hidden.body().replace("closed/img:1", "X")).isEqualTo(missing.body().replace("closed/nothing:1", "X"));
        assertThat(anonymous.sendBytes(anonymous.request("/api/container/closed/img:1/download").GET()).statusCode())
                .isEqualTo(404);
        assertThat(anonymous.get("/").body()).contains("open/img").doesNotContain("closed/img");
        assertThat(anonymous.get("/api/containers").body()).contains("open/img").doesNotContain("closed/img");

        HttpResponse<String> token = anonymous.get("/v2/token?service=x&scope=repository:open/img:pull,push"
                + "&scope=repository:closed/img:pull");
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(OciTokenClaims.grantedActions(token.body(), "open/img")).isEqualTo("pull");
        assertThat(OciTokenClaims.grantedActions(token.body(), "closed/img")).isEmpty();
        RegistryClient bearer = registry.withToken(OciTokenClaims.token(token.body()));
        assertThat(bearer.get("/v2/open/img/manifests/1").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/v2/open/img/manifests/1").statusCode()).as("no token needed to pull").isEqualTo(200);
        assertThat(anonymous.get("/v2/closed/img/manifests/1").statusCode()).isEqualTo(401);
    }

    @Test
    void nothingIsWrittenWithoutAnAccount() {
        RegistryClient anonymous = registry.anonymous();
        assertThat(PermissionMatrixIT.push(anonymous, "open/new:1").statusCode()).isEqualTo(401);
        assertThat(anonymous.send(anonymous.request("/api/container/open/img:1").DELETE()).statusCode()).isEqualTo(401);
        assertThat(anonymous.send(anonymous.request("/v2/open/x/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/container/open/img:1").statusCode()).isEqualTo(200);
    }
}
