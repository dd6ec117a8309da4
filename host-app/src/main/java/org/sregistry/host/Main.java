package org.sregistry.host;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sregistry.host.cli.CliPlugins;
import org.sregistry.host.cli.CommonOptions;
import org.sregistry.host.cli.DbCommand;
import org.sregistry.host.cli.PluginCommands;
import org.sregistry.host.cli.ServeCommand;
import org.sregistry.host.cli.ServeFlags;
import org.sregistry.host.web.Assets;
import org.sregistry.registry.cli.ImagesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code registry} command. Without a subcommand it serves (like {@code registry serve});
 * {@code images ...} talks to a running server; {@code db migrate} migrates the database; enabled plugins add their own
 * subcommands (e.g. {@code globus update-tokens}, see {@link PluginCommands}). Exit codes: 0 ok, 1 failure, 2 usage
 * error.
 */
@Command(name = "registry", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A container image registry with plugins. Without a command it runs the server.",
        subcommands = {ServeCommand.class, ImagesCommand.class, DbCommand.class, org.sregistry.host.cli.AdminCommand.class,
                org.sregistry.host.cli.SecretsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ServeFlags serve;

    @Override
    public Integer call() throws Exception {
        return ServeCommand.serve(common, serve);
    }

    /** The shared options, for subcommands. */
    public CommonOptions commonOptions() {
        return common;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and answers the exit code (serving blocks until shutdown). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Main());
        String word = commandWord(args);
        CliPlugins cliPlugins = null;
        try {
            // only a plugin's command (or help, which lists them) loads plugins: the host's own commands, such as
            // 'images' that only talk to a server, touch no data dir
            boolean hostCommand = word != null && !"help".equals(word) && commandLine.getSubcommands().containsKey(word);
            PluginCommands pluginCommands = PluginCommands.none();
            if (word != null && !hostCommand || word == null && wantsHelp(args)) {
                org.sregistry.host.observability.LogFiles.quietConsole();
                cliPlugins = new CliPlugins(cliOptions(args));
                pluginCommands = PluginCommands.mount(commandLine, cliPlugins.commands(), cliPlugins.notMounted());
            }
            // after adding plugin commands: setOut/setErr reach only the subcommands present now
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            // 'registry --enable-plugin sample sample ...': a plugin id is an option value even where it names a command
            commandLine.setAllowSubcommandsAsOptionParameters(true);
            commandLine.setExecutionStrategy(pluginCommands.withPluginLoaders(new CommandLine.RunLast()));
            commandLine.setParameterExceptionHandler(
                    pluginCommands.explainingMissingPlugins(commandLine.getParameterExceptionHandler()));
            commandLine.setExecutionExceptionHandler(new org.sregistry.host.cli.OneLineErrors());
            return commandLine.execute(args);
        } finally {
            if (cliPlugins != null) {
                cliPlugins.close();
            }
        }
    }

    /** The first word that is not an option or an option's value, or null. */
    static String commandWord(String[] args) {
        Set<String> withValue = Set.of("--data-dir", "--config", "--plugins-dir", "--port", "--bind", "--enable-plugin");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (withValue.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    private static boolean wantsHelp(String[] args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    /**
     * The options of a plugin command's run, read before plugins (and so their commands) are known: the folders
     * and the plugins enabled for this run ({@code registry --enable-plugin sample sample ...}), from the same
     * {@link CommonOptions} and {@link ServeFlags} parsed leniently, so defaults live in one place.
     */
    static ServerOptions cliOptions(String[] args) {
        FoldersOnly holder = new FoldersOnly();
        CommandLine lenient = new CommandLine(holder);
        lenient.setUnmatchedArgumentsAllowed(true);
        lenient.parseArgs(args);
        ServerOptions options = ServeCommand.optionsFor(holder.common);
        Set<String> enabled = new java.util.HashSet<>(options.enabledPlugins());
        enabled.addAll(holder.serve.enabledPlugins());
        return options.with(enabled, options.flagValues(), options.banner());
    }

    /** Only the shared options and the serve flags; everything else on the command line is ignored here. */
    @Command(name = "registry")
    static final class FoldersOnly {
        @Mixin
        CommonOptions common;

        @Mixin
        ServeFlags serve;
    }

    /** Prints the version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"registry " + Assets.version()};
        }
    }
}
