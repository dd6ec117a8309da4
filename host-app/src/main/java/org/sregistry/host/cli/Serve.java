package org.sregistry.host.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.sregistry.host.RegistryServer;
import org.sregistry.host.ServerOptions;

/** Runs the server until the process is stopped. */
final class Serve {
    private Serve() {
    }

    static int run(CommonOptions common, ServeFlags flags, List<java.nio.file.Path> bundled, PrintStream out)
            throws Exception {
        ServerOptions options = new ServerOptions(flags.port, flags.bind, common.dataDir(), common.config(),
                List.of(common.pluginsDir()), bundled, Set.copyOf(flags.enabledPlugins()), Map.of(), System.getenv(),
                Clock.systemUTC());
        RegistryServer server = RegistryServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        out.println("Registry listening on " + server.baseUri());
        out.flush();
        stopped.await();
        return 0;
    }
}
