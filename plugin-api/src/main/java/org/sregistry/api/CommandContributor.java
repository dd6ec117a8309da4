package org.sregistry.api;

import org.pf4j.ExtensionPoint;

/**
 * Contributes a picocli subcommand to the {@code registry} command line, e.g. the object behind
 * {@code registry globus update-tokens}. Commands run in the CLI process against the same data
 * dir as the server ({@link PluginContext#cliMode()} is true there).
 */
public interface CommandContributor extends ExtensionPoint {

    /**
     * An object annotated with {@code @picocli.CommandLine.Command}; its name becomes the
     * subcommand (its own subcommands nest below it). It should implement {@code Callable<Integer>}
     * or {@code Runnable}; exit codes follow picocli: 0 ok, 1 failure, 2 usage error.
     */
    Object command();
}
