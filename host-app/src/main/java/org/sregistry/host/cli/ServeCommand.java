package org.sregistry.host.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sregistry.host.Main;
import org.sregistry.host.ServerOptions;
import org.sregistry.host.demo.DemoSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code registry serve}: runs the server (the default command). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the registry server (the default command).")
public final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Mixin
    ServeFlags flags;

    @Override
    public Integer call() throws Exception {
        return serve(parentCommon(), flags);
    }

    private CommonOptions parentCommon() {
        return parent.commonOptions();
    }

    /** Serves with these options until the process stops. */
    public static int serve(CommonOptions common, ServeFlags flags) throws Exception {
        return Serve.run(common, flags, sourceTreeJars(common), System.out);
    }

    /**
     * Server options for a CLI run: plugins' commands see the same config and data dir as the server, and, while a
     * {@code --demo} server runs on that data dir, the start flags it uses ({@link DemoSettings}).
     */
    public static ServerOptions optionsFor(CommonOptions common) {
        return new ServerOptions(0, "127.0.0.1", common.dataDir(), common.config(), List.of(common.pluginsDir()),
                sourceTreeJars(common), Set.of(), DemoSettings.read(common.dataDir()), System.getenv(), Clock.systemUTC());
    }

    /**
     * The distribution's plugin jars (named by {@code bin/registry}), and the ones built in this checkout in
     * development mode only ({@code --dev}, {@code --demo}).
     */
    private static List<Path> sourceTreeJars(CommonOptions common) {
        return org.sregistry.host.BundledPlugins.forRun(common.dev());
    }
}
