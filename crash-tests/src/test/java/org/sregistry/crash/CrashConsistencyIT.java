package org.sregistry.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's crash-consistency harness: the real server as a child process, the Globus simulator in this JVM,
 * SIGKILL at random moments ({@code -Dcrash.kills}, default 50; {@code -Psoak}: 500), and after every restart the
 * check that every acknowledged write is there, nothing unacknowledged is half there, no blob is orphaned, and every
 * pulled image is imported exactly once under its requested name. See {@code crash-tests/README.md}.
 */
class CrashConsistencyIT {

    @Test
    void noAcknowledgedWriteIsLostWhereverTheKillLands() throws Exception {
        CrashRun.Result result = CrashRun.execute(CrashSettings.fromSystemProperties());
        StringWriter errors = new StringWriter();
        result.harnessErrors().forEach(e -> e.printStackTrace(new PrintWriter(errors)));
        assertTrue(result.harnessErrors().isEmpty(), "the harness itself failed:\n" + errors);
        assertEquals(0, result.figures().failures(), "acknowledged writes were lost or left half done; see the"
                + " table and incidents above, the run folder " + result.runDir() + " is kept");
    }
}
