package org.sregistry.e2e;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.sregistry.host.Main;

/** Runs {@code registry ARGS} in-process, as an admin would in a terminal next to the demo. */
final class DemoCli {
    private DemoCli() {
    }

    /** The exit code and everything printed. */
    record Run(int code, String output) {
    }

    static synchronized Run run(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        System.setOut(out); // plugin commands print to System.out / System.err
        System.setErr(out);
        try {
            int code = Main.run(args, out, out);
            return new Run(code, sink.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
    }
}
