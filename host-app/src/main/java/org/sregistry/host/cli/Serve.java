package org.sregistry.host.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.sregistry.host.demo.DemoMode;
import org.sregistry.host.http.HttpListener;
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

    static int run(CommonOptions common, ServeFlags flags, List<Path> bundled, PrintStream out)
            throws Exception {
        ServerOptions options = new ServerOptions(flags.port, flags.bind, common.dataDir(), common.config(),
                List.of(common.pluginsDir()), bundled, Set.copyOf(flags.enabledPlugins()), Map.of(), System.getenv(),
                Clock.systemUTC());
        // the port first: when it is taken, say so before anything is written to the data dir
        HttpListener listener = HttpListener.open(flags.bind, flags.port);
        DemoMode demo = null;
        RegistryServer server;
        try {
            demo = common.demo() ? DemoMode.start(common.dataDir()) : null; // data in ./demo-data by default
            server = RegistryServer.start(demo == null ? options : demo.apply(options, listener.port()), listener);
        } catch (Exception e) {
            listener.close();
            if (demo != null) {
                demo.close();
            }
            throw e;
        }
        DemoMode started = demo;
        if (started != null) {
            started.populate(server);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            if (started != null) {
                started.close();
            }
            stopped.countDown();
        }, "shutdown"));
        out.println("Registry listening on " + server.baseUri());
        out.flush();
        if (started != null) {
            LoggerFactory.getLogger(Serve.class).info("Demo ready: open {} and log in as 'admin' with the password in {};"
                    + " then click 'Globus' in the menu: the demo cluster and lab share are listed, open one, send an"
                    + " image or bring one back, and watch it on the activity page. 'Sign in with Globus' on the login"
                    + " page works too, with the simulator's identities ({}).", server.baseUri(),
                    server.accounts().initialPasswordFile().toAbsolutePath(),
                    String.join(", ", org.sregistry.host.demo.DemoWorld.SIGN_IN_IDENTITIES));
        }
        stopped.await();
        return 0;
    }
}
