package org.sregistry.registry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.registry.TestFiles;
import org.sregistry.registry.api.TestServer;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.images.JdbcRegistryService;
import org.sregistry.registry.sif.SifWriter;
import picocli.CommandLine;

@Timeout(60)
class ImagesCommandTest {
    private static final long MAX = 1 << 20;

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private Database db;
    private TestServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        db = Database.open(dataDir);
        server = new TestServer(new JdbcRegistryService(db, dataDir, Clock.systemUTC(), MAX), MAX);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        db.close();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = new CommandLine(new ImagesCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String url() {
        return server.base().toString();
    }

    @Test
    void pushListPullRemove() throws Exception {
        Path sif = work.resolve("lolcow_latest.sif");
        SifWriter.write(sif, TestFiles.bytes(50_000, 1));
        String digest = TestFiles.sha256(sif);

        assertThat(run("push", sif.toString(), "--name", "demo/lolcow:latest", "--url", url(), "--token", "t")).isZero();
        assertThat(out.toString()).contains("pushed demo/lolcow:latest@" + digest);
        assertThat(run("push", sif.toString(), "--url", url(), "--user", "u", "--password", "p")).isZero();
        assertThat(out.toString()).as("name derived from the file name").contains("pushed library/lolcow:latest@");

        assertThat(run("list", "--url", url(), "--query", "demo")).isZero();
        assertThat(out.toString().strip()).startsWith("demo/lolcow:latest@" + digest + "\t" + Files.size(sif)).doesNotContain("library/");

        Path pulled = work.resolve("out/copy.sif");
        assertThat(run("pull", "demo/lolcow:latest", "-o", pulled.toString(), "--url", url())).isZero();
        assertThat(Files.readAllBytes(pulled)).isEqualTo(Files.readAllBytes(sif));
        try (var files = Files.list(pulled.getParent())) {
            assertThat(files).as("no temp file left").hasSize(1);
        }

        assertThat(run("rm", "demo/lolcow:latest", "--url", url())).isZero();
        assertThat(out.toString()).contains("removed demo/lolcow:latest");
        assertThat(run("rm", "demo/lolcow:latest", "--url", url())).isEqualTo(1);
        assertThat(err.toString()).contains("no image matches 'demo/lolcow:latest'").contains("404");
        assertThat(run("pull", "demo/lolcow:latest", "-o", work.resolve("gone.sif").toString(), "--url", url())).isEqualTo(1);
        assertThat(work.resolve("gone.sif")).doesNotExist();
    }

    @Test
    void usageErrorsExitWith2AndFailuresWith1() throws Exception {
        assertThat(run()).isEqualTo(2);
        assertThat(run("push")).isEqualTo(2);
        assertThat(run("list", "--no-such-option")).isEqualTo(2);
        assertThat(run("rm", "Bad/Name", "--url", url())).isEqualTo(2);
        assertThat(err.toString()).contains("upper-case");
        Path file = Files.write(work.resolve("x.sif"), new byte[] {1});
        assertThat(run("push", file.toString(), "--name", "../x", "--url", url())).isEqualTo(2);
        assertThat(run("push", work.resolve("missing.sif").toString(), "--name", "a/b", "--url", url())).isEqualTo(1);
        Path big = Files.write(work.resolve("big.sif"), new byte[(int) MAX + 1]);
        assertThat(run("push", big.toString(), "--name", "a/big", "--url", url())).isEqualTo(1);
        assertThat(err.toString()).contains("larger than the limit").contains("413");
        assertThat(run("list", "--url", "http://127.0.0.1:1/")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot connect");
        assertThat(run("list", "--url", "notaurl")).isEqualTo(2);
        assertThat(err.toString()).contains("'notaurl'", "Usage:");
    }

    @Test
    void pushingAFileThatIsNotAnImageSaysSoAndExitsWith1() throws Exception {
        Path text = Files.writeString(work.resolve("notanimage.txt"), "hello\n");
        assertThat(run("push", text.toString(), "--name", "demo/notes:v1", "--url", url())).isEqualTo(1);
        assertThat(err.toString()).contains("notanimage", "not a container image", "415");
        assertThat(out.toString()).doesNotContain("pushed");
        assertThat(run("list", "--url", url())).isZero();
        assertThat(out.toString()).doesNotContain("demo/notes");
    }
}
