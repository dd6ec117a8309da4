package org.sregistry.api;

import org.pf4j.ExtensionPoint;

/**
 * Contributes a picocli subcommand to the {@code registry} command line, e.g. the object behind
 * {@code registry globus update-tokens}. Commands run in the CLI process against the same data
 * dir as the server ({@link PluginContext#cliMode()} is true there).
 *
 * <p>The CLI mounts the commands of enabled plugins only ({@code PLUGIN_<ID>_ENABLED=true} in the config file or
 * the environment): plugins that are switched off run no code at all. Name the command after the plugin id (as
 * {@code registry globus} is the Globus plugin's): for {@code registry <id> ...} of a plugin that is not enabled,
 * or failed to start, the CLI then says which plugin it is and how to enable it (exit 2), instead of "unknown
 * command".
 *
 * <p>Any picocli shape works: a class, nested subcommand classes, {@code @Command}-annotated methods, mixins.
 * While any of them runs, the thread's context class loader is the plugin's.
 *
 * <p>Loading a plugin for its commands writes nothing: no config file, no generated option values
 * ({@link ConfigOption#generatedDefault()} is the server's to write), no folder in the data dir. A command that
 * means to change configuration does so itself with {@link PluginConfig#set}.
 *
 * <pre>{@code
 * @Command(name = "webhook", mixinStandardHelpOptions = true, description = "The webhook plugin.")
 * public class WebhookCommand implements Callable<Integer> {
 *     private final PluginContext context;
 *     WebhookCommand(PluginContext context) { this.context = context; }
 *
 *     @Override public Integer call() { System.out.println(context.config().get("PLUGIN_WEBHOOK_URL")); return 0; }
 *
 *     @Command(name = "sent", description = "How many events were sent.")
 *     int sent() {                     // a method subcommand: registry webhook sent
 *         System.out.println(context.store().get("stats", "sent").orElse("0"));
 *         return 0;
 *     }
 * }
 * }</pre>
 */
public interface CommandContributor extends ExtensionPoint {

    /**
     * An object annotated with {@code @picocli.CommandLine.Command}; its name becomes the
     * subcommand (its own subcommands nest below it). It should implement {@code Callable<Integer>}
     * or {@code Runnable}; exit codes follow picocli: 0 ok, 1 failure, 2 usage error.
     */
    Object command();
}
