package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RawHttp;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;

/**
 * A client that announces a body and stops sending before it is complete gets a 400 naming that, and the log gets
 * one line, not a stack trace per request (anyone signed in could otherwise flood it).
 */
class IncompleteBodyIT {

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample").build();

    @Test
    void aBodyCutShortIsTheClientsMistakeNotAServerError() throws Exception {
        String basic = "Authorization: Basic " + Base64.getEncoder().encodeToString(("admin:" + registry.adminPassword())
                .getBytes(StandardCharsets.UTF_8));
        for (String target : List.of("/api/users", "/api/containers/lab/tool:1")) {
            boolean json = target.startsWith("/api/users");
            List<String> headers = List.of("Host: localhost", basic, "Content-Type: "
                    + (json ? "application/json" : "application/octet-stream"));
            RawHttp.Answer answer = RawHttp.sendTruncated(registry.server().baseUri(), json ? "POST" : "PUT", target,
                    headers, 1000, "{\"us");
            assertThat(answer.status()).as(target + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("incomplete_body");
        }
        String log = Files.readString(registry.server().logFile());
        assertThat(log).doesNotContain("Unhandled error").doesNotContain("\tat org.eclipse.jetty");
    }
}
