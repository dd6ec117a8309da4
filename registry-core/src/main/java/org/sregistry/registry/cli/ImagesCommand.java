package org.sregistry.registry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code registry images ...}: list, push, pull and remove images on a running registry. The host
 * mounts {@code new ImagesCommand()} under its main command.
 */
@Command(name = "images", description = "Work with the images of a running registry.",
        mixinStandardHelpOptions = true,
        subcommands = {ListCommand.class, PushCommand.class, PullCommand.class, RemoveCommand.class})
public final class ImagesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: a usage error (exit 2). */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list, push, pull or rm");
    }
}
