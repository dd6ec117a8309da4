package org.sregistry.globussim;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar globus-simulator.jar --port 0 --data-dir DIR [--bind 127.0.0.1]}. */
@Command(name = "globus-simulator", mixinStandardHelpOptions = true,
        description = "A local stand-in for Globus Auth and Transfer (v0.10), with a control API under /sim/.")
public final class SimulatorMain implements Callable<Integer> {
    @Option(names = "--port", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 0;

    @Option(names = "--data-dir", required = true, description = "Folder for state, task history and endpoint roots.")
    Path dataDir;

    @Option(names = "--bind", description = "Address to bind (default: ${DEFAULT-VALUE}; the control API has no auth).")
    String bind = "127.0.0.1";

    @Option(names = "--issuer", description = "OIDC issuer to advertise, e.g. https://auth.globus.org behind a proxy"
            + " (default: http://BIND:PORT/auth).")
    String issuer;

    @Option(names = "--token-lifetime-seconds", description = "Access token lifetime (default: ${DEFAULT-VALUE}).")
    long tokenLifetimeSeconds = 172800;

    @Option(names = "--bytes-per-second", description = "Transfer speed; 0 = unthrottled (default: ${DEFAULT-VALUE}).")
    long bytesPerSecond = 50_000_000L;

    public static void main(String[] args) {
        // Quiet by default and on stderr, so stdout carries only the "listening" line scripts wait for.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "globus-simulator-logback.xml");
        }
        int code = new CommandLine(new SimulatorMain()).execute(args);
        if (code != 0) System.exit(code);
    }

    @Override
    public Integer call() throws InterruptedException {
        GlobusSimulator sim = GlobusSimulator.start(SimulatorConfig.builder().bind(bind).port(port).dataDir(dataDir)
                .accessTokenLifetime(Duration.ofSeconds(tokenLifetimeSeconds)).transferBytesPerSecond(bytesPerSecond).issuer(issuer).build());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "globus-sim-shutdown"));
        System.out.println("Globus simulator listening on " + sim.baseUri());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
