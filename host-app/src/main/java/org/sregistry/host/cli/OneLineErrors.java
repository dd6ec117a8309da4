package org.sregistry.host.cli;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A command that fails prints one line, {@code registry: what went wrong}, and exits 1 (usage
 * errors stay picocli's: message, usage, exit 2). The stack trace goes to the log at DEBUG, not
 * to the terminal: a port in use is an operator's problem, not a bug report.
 */
public final class OneLineErrors implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OneLineErrors.class);
    private static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        command.getErr().println(root.getCommandName() + ": " + describe(e));
        command.getErr().flush();
        LOG.debug("{} failed", command.getCommandName(), e);
        return FAILED;
    }

    /** The messages of the cause chain, without repeats, on one line. */
    static String describe(Throwable e) {
        StringBuilder line = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (line.indexOf(message) >= 0) {
                continue; // wrappers often repeat their cause's message
            }
            if (line.length() > 0) {
                line.append(": ");
            }
            line.append(message);
        }
        return line.toString().replaceAll("[\\r\\n]+", " ");
    }
}
