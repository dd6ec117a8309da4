package org.sregistry.globus.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.client.Pkce;

class PendingLoginFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsInAnOwnerOnlyFile() throws Exception {
        PendingLoginFile file = new PendingLoginFile(dir.resolve("pending-login.json"));
        Pkce pkce = Pkce.generate();
        PendingLogin login = new PendingLogin(pkce, URI.create("https://auth.example/authorize?x=1"),
                Instant.parse("2026-01-02T03:04:05Z"), URI.create("https://auth.example/"), "client");

        file.save(login);

        assertThat(Files.getPosixFilePermissions(file.file()))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        PendingLogin back = file.load().orElseThrow();
        assertThat(back.pkce()).isEqualTo(pkce);
        assertThat(back.matches(URI.create("https://auth.example/"), "client")).isTrue();
        assertThat(back.matches(URI.create("https://auth.example/"), "other")).isFalse();
        assertThat(back.toString()).doesNotContain(pkce.verifier());
        assertThat(back.expired(Instant.parse("2026-01-02T03:30:00Z"))).isFalse();
        assertThat(back.expired(Instant.parse("2026-01-02T04:00:00Z"))).isTrue();

        file.delete();
        assertThat(file.load()).isEmpty();
    }

    @Test
    void aDamagedFileIsIgnored() throws Exception {
        Files.writeString(dir.resolve("pending-login.json"), "{not json");
        assertThat(new PendingLoginFile(dir.resolve("pending-login.json")).load()).isEmpty();
    }
}
