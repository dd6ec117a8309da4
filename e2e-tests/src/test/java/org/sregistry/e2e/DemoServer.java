package org.sregistry.e2e;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sregistry.host.RegistryServer;
import org.sregistry.host.ServerOptions;
import org.sregistry.host.demo.DemoMode;
import org.sregistry.host.http.HttpListener;

/** The registry in demo mode, in-process, exactly as {@code registry --demo} starts it. */
final class DemoServer implements AutoCloseable {
    private final DemoMode demo;
    private final RegistryServer server;
    private final Path dataDir;

    DemoServer(Path dataDir) throws Exception {
        this(dataDir, Map.of());
    }

    /**
     * The demo with more settings as start flags ({@code flags}, e.g. {@code REGISTRY_SMTP_*}; in a real run they come
     * from the environment or the config file).
     */
    DemoServer(Path dataDir, Map<String, String> flags) throws Exception {
        this.dataDir = dataDir;
        demo = DemoMode.start(dataDir);
        ServerOptions options = new ServerOptions(0, "127.0.0.1", dataDir, dataDir.resolve("registry.properties"),
                List.of(dataDir.resolve("plugins")), globusPluginJars(), Set.of(), Map.copyOf(flags), Map.of(),
                Clock.systemUTC());
        // as 'registry serve --demo': the port first, so the demo registers its OIDC redirect URI on it
        HttpListener listener = HttpListener.open(options.bind(), options.port());
        server = RegistryServer.start(demo.apply(options, listener.port()), listener);
        demo.populate(server);
    }

    RegistryServer server() {
        return server;
    }

    DemoMode demo() {
        return demo;
    }

    Path dataDir() {
        return dataDir;
    }

    String adminPassword() throws Exception {
        return Files.readString(server.accounts().initialPasswordFile()).trim();
    }

    /** The plugin jar the reactor just built. */
    static List<Path> globusPluginJars() throws Exception {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(Path.of("../globus-plugin/target"), "globus-plugin-*.jar")) {
            stream.forEach(p -> {
                String name = p.getFileName().toString();
                if (!name.endsWith("-tests.jar") && !name.endsWith("-sources.jar")) {
                    jars.add(p.toAbsolutePath().normalize());
                }
            });
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("globus-plugin/target/globus-plugin-*.jar missing: build the reactor first");
        }
        return jars;
    }

    @Override
    public void close() {
        server.close();
        demo.close();
    }
}
