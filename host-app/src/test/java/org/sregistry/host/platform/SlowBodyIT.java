package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryExtension;

/** A request body trickled a byte at a time does not hold a server thread for ever. */
class SlowBodyIT {
    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().build();

    @Test
    void aTrickledManifestBodyIsCutInsteadOfHoldingAThread() throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + registry.adminPassword()).getBytes(StandardCharsets.UTF_8));
        long started = System.nanoTime();
        boolean closed = false;
        try (Socket socket = new Socket(registry.server().baseUri().getHost(), registry.server().baseUri().getPort())) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v2/slow/body/manifests/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + auth
                    + "\r\nContent-Type: application/vnd.oci.image.manifest.v1+json\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            // one byte a second: a thousandth of the slowest rate accepted
            for (int i = 0; i < 60 && !closed; i++) {
                try {
                    out.write('{');
                    out.flush();
                } catch (java.io.IOException e) {
                    closed = true;
                    break;
                }
                try {
                    in.read(); // returns with the answer (408) or the end of the connection
                    closed = true;
                } catch (SocketTimeoutException e) {
                    // nothing yet: keep trickling
                }
            }
        }
        assertThat(closed).as("the server cut the trickled body").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(45));
    }
}
