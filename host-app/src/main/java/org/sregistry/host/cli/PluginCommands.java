package org.sregistry.host.cli;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sregistry.host.plugins.PluginHost;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The plugins' commands on the {@code registry} command line: mounts those of the started (enabled) plugins, runs
 * each with its plugin's class loader as the thread's context loader, and answers a command word of a plugin that
 * is not mounted by naming the plugin and how to enable it.
 *
 * <p>The loader is found from the subcommand right below {@code registry} (the command the plugin contributed),
 * whatever runs below it: a subcommand class, an {@code @Command} method (whose picocli user object is a
 * {@link java.lang.reflect.Method}, loaded by the boot loader), or a mixin.
 */
public final class PluginCommands {
    private final Map<CommandSpec, ClassLoader> loaders = new IdentityHashMap<>();
    private final List<CliPlugins.NotMounted> notMounted;

    private PluginCommands(List<CliPlugins.NotMounted> notMounted) {
        this.notMounted = List.copyOf(notMounted);
    }

    /** No plugin commands (a host command runs: no plugin is loaded). */
    public static PluginCommands none() {
        return new PluginCommands(List.of());
    }

    /**
     * Adds the commands of the started plugins below {@code root} (a name the host already uses stays the host's),
     * and says in the usage help which plugins' commands are missing because those plugins are off.
     */
    public static PluginCommands mount(CommandLine root, List<PluginHost.PluginCommand> commands,
                                       List<CliPlugins.NotMounted> notMounted) {
        PluginCommands mounted = new PluginCommands(notMounted);
        for (PluginHost.PluginCommand command : commands) {
            CommandLine line = PluginHost.withLoader(command.classLoader(),
                    () -> new CommandLine(command.contributor().command()));
            String name = line.getCommandName();
            if (!root.getSubcommands().containsKey(name)) {
                root.addSubcommand(name, line);
                mounted.loaders.put(line.getCommandSpec(), command.classLoader());
            }
        }
        if (!notMounted.isEmpty()) {
            root.getCommandSpec().usageMessage().footer(mounted.footer());
        }
        return mounted;
    }

    /** {@code inner}, run with the plugin's class loader as context loader when the command is a plugin's. */
    public IExecutionStrategy withPluginLoaders(IExecutionStrategy inner) {
        return parseResult -> {
            ClassLoader loader = pluginLoader(parseResult);
            if (loader == null) {
                return inner.execute(parseResult);
            }
            return PluginHost.withLoader(loader, () -> inner.execute(parseResult));
        };
    }

    /** The loader of the plugin whose command this is, or null for a host command. */
    private ClassLoader pluginLoader(ParseResult parseResult) {
        ParseResult below = parseResult.subcommand();
        return below == null ? null : loaders.get(below.commandSpec());
    }

    /**
     * Answers a usage error whose first unmatched word is the command of a plugin that is not started: what the
     * plugin is and how to switch it on, then the usage, exit 2. Other errors go to {@code fallback}.
     */
    public CommandLine.IParameterExceptionHandler explainingMissingPlugins(
            CommandLine.IParameterExceptionHandler fallback) {
        return (ex, args) -> {
            Optional<CliPlugins.NotMounted> missing = missingCommand(ex);
            if (missing.isEmpty()) {
                return fallback.handleParseException(ex, args);
            }
            CommandLine line = ex.getCommandLine();
            line.getErr().println(line.getCommandName() + ": " + missing.get().explanation());
            if (missing.get().failed()) {
                return line.getCommandSpec().exitCodeOnExecutionException(); // a broken plugin is no usage error
            }
            line.usage(line.getErr());
            return line.getCommandSpec().exitCodeOnInvalidInput();
        };
    }

    private Optional<CliPlugins.NotMounted> missingCommand(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched) || ex.getCommandLine().getParent() != null
                || unmatched.getUnmatched().isEmpty()) {
            return Optional.empty();
        }
        String word = unmatched.getUnmatched().get(0);
        return notMounted.stream().filter(p -> p.pluginId().equals(word)).findFirst();
    }

    private String footer() {
        StringBuilder text = new StringBuilder("%nPlugins whose commands are not available here:%n");
        for (CliPlugins.NotMounted plugin : notMounted) {
            // the usage footer is a format string: a '%' in an error message must stay a '%'
            text.append("  ").append(plugin.pluginId().replace("%", "%%")).append(" (")
                    .append(plugin.reason().replace("%", "%%")).append(")%n");
        }
        return text.toString();
    }
}
