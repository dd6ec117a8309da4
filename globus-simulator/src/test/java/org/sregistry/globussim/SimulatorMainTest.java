package org.sregistry.globussim;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorMainTest {

    @Test
    void unknownFlagPrintsUsageAndExitsWith2() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new SimulatorMain()).setErr(new PrintWriter(err)).execute("--data-dir", "x", "--bogus");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option", "Usage:");
    }

    @Test
    void missingDataDirIsAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(new CommandLine(new SimulatorMain()).setErr(new PrintWriter(err)).execute("--port", "0")).isEqualTo(2);
    }
}
