package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RawHttp;
import org.sregistry.host.testkit.RegistryExtension;

/** What anonymous visitors learn about the machine and the software: nothing they do not need. */
class LeaksIT {

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().build();

    @Test
    void theLoginPageNamesThePasswordFileButNotWhereTheDataDirIs() {
        String page = registry.anonymous().get("/login").body();
        assertThat(page).contains("initial-admin-password")
                .doesNotContain(registry.dataDir().toAbsolutePath().toString())
                .doesNotContain(registry.dataDir().getFileName().toString());
    }

    @Test
    void noAnswerNamesTheServerSoftwareOrItsVersion() {
        for (String target : List.of("/login", "/health", "/metrics", "/static/host/missing.css", "//metrics",
                "/static/%2e%2e/metrics", "/static/../metrics", "/no-such-page")) {
            RawHttp.Answer answer = RawHttp.get(registry.server().baseUri(), target);
            assertThat(answer.header("Server")).as(target).isNull();
            assertThat(answer.header("X-Powered-By")).as(target).isNull();
            assertThat(answer.body()).as(target).doesNotContainIgnoringCase("jetty");
        }
    }
}
