package org.sregistry.globus.it;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sregistry.host.Main;

/** Runs {@code registry ...} in-process against a data dir, as an admin would in a terminal. */
final class Cli {
    private static final Pattern URL = Pattern.compile("Please go to this URL and login: (\\S+)");

    private Cli() {
    }

    /** The outcome of one run. */
    record Run(int code, String out, String err) {
        /** Everything printed. */
        String all() {
            return out + err;
        }

        /** The login URL the run printed. */
        String loginUrl() {
            Matcher m = URL.matcher(out);
            if (!m.find()) {
                throw new AssertionError("no login URL in: " + out);
            }
            return m.group(1);
        }
    }

    /** {@code registry --data-dir DIR --plugins-dir DIR/plugins globus ARGS} with the given stdin. */
    static Run globus(Path dataDir, String stdin, String... args) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), fullArgs(dataDir, args));
    }

    /**
     * Runs interactively: when the command has printed the login URL and the prompt, {@code answer} turns the
     * URL into what the admin types (e.g. the code the simulator's authorize page shows).
     */
    static Run interactive(Path dataDir, UnaryOperator<String> answer, String... args) throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Future<Integer> exit = thread.submit(() -> withStreams(stdin, o, e, () -> Main.run(fullArgs(dataDir, args), o, e)));
            await().atMost(Duration.ofSeconds(30)).until(() -> exit.isDone()
                    || out.toString(StandardCharsets.UTF_8).contains("Please enter the code you get after login here: "));
            if (!exit.isDone()) {
                Run sofar = new Run(-1, out.toString(StandardCharsets.UTF_8), "");
                keyboard.write((answer.apply(sofar.loginUrl()) + "\n").getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
            }
            int code = exit.get(60, TimeUnit.SECONDS);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            keyboard.close();
            thread.shutdownNow();
        }
    }

    private static String[] fullArgs(Path dataDir, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString(),
                "--plugins-dir", dataDir.resolve("plugins").toString(), "globus"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static Run run(InputStream stdin, String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = withStreams(stdin, o, e, () -> Main.run(args, o, e));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Plugin commands read System.in, and print to System.out and System.err (picocli does not hand the root
     * command's writers to subcommands added after them): point all three at the test's streams.
     */
    private static synchronized int withStreams(InputStream in, PrintStream out, PrintStream err,
                                                java.util.function.IntSupplier body) {
        InputStream previousIn = System.in;
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        System.setIn(in);
        System.setOut(out);
        System.setErr(err);
        try {
            return body.getAsInt();
        } finally {
            System.setIn(previousIn);
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
    }
}
