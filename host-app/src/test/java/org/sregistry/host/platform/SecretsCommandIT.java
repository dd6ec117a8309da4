package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.Secrets;
import org.sregistry.host.Main;
import org.sregistry.host.secrets.Keyring;

/** {@code registry secrets rotate|retire} on a data dir. */
class SecretsCommandIT {
    @TempDir
    Path dataDir;

    @Test
    void rotateThenRetireWithForce() {
        Secrets server = new Keyring(dataDir, Clock.systemUTC()).forPlugin("globus");
        String old = server.seal("refresh-token", "secret");

        Run rotated = run("--data-dir", dataDir.toString(), "secrets", "rotate");
        assertThat(rotated.code).isZero();
        assertThat(rotated.out).contains("current key: k2", "keys: k1, k2");
        assertThat(server.open("refresh-token", old).stale()).isTrue();

        Run refused = run("--data-dir", dataDir.toString(), "secrets", "retire");
        assertThat(refused.code).isEqualTo(1);
        assertThat(refused.err).contains("would retire k1", "--force", "Nothing was changed");
        assertThat(server.open("refresh-token", old).plaintext()).isEqualTo("secret");

        Run current = run("--data-dir", dataDir.toString(), "secrets", "retire", "--force", "k2");
        assertThat(current.code).isEqualTo(1);
        assertThat(current.err).contains("k2 is the current key");

        Run retired = run("--data-dir", dataDir.toString(), "secrets", "retire", "--force");
        assertThat(retired.code).isZero();
        assertThat(retired.out).contains("retired: k1; current key: k2");
        assertThat(run("--data-dir", dataDir.toString(), "secrets", "retire").out).contains("nothing to retire");
        try (org.sregistry.registry.db.Database db = org.sregistry.registry.db.Database.open(dataDir)) {
            java.util.List<String> audited = db.jdbi().withHandle(h -> h.createQuery("SELECT action || ' ' || actor"
                    + " FROM audit_events WHERE action LIKE 'secrets.%' ORDER BY at").mapTo(String.class).list());
            assertThat(audited).hasSize(2);
            assertThat(audited.get(0)).startsWith("secrets.rotate cli:");
            assertThat(audited.get(1)).startsWith("secrets.retire cli:");
        }
    }

    @Test
    void withoutADataDirOrASubcommand() {
        Run missing = run("--data-dir", dataDir.resolve("nope").toString(), "secrets", "rotate");
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.err).contains("no data dir at");
        assertThat(run("--data-dir", dataDir.toString(), "secrets").code).isEqualTo(2);
        assertThat(run("--help").out).contains("secrets");
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
    }
}
