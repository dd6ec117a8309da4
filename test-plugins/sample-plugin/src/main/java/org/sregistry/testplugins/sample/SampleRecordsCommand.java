package org.sregistry.testplugins.sample;

import org.pf4j.Extension;
import org.sregistry.api.CommandContributor;
import org.sregistry.api.ImageQuery;
import org.sregistry.api.PluginContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code registry sample-records count}: a picocli {@code @Command} method (its user object is a
 * {@link java.lang.reflect.Method}, not an object of this plugin) that opens the registry and the plugin store.
 */
@Extension
public class SampleRecordsCommand implements CommandContributor {
    private final PluginContext context;

    public SampleRecordsCommand(PluginContext context) {
        this.context = context;
    }

    @Override
    public Object command() {
        return new Records(context);
    }

    /** The command; its subcommands are its {@code @Command} methods. */
    @Command(name = "sample-records", mixinStandardHelpOptions = true,
            description = "The sample plugin's records (a method subcommand).")
    public static class Records implements Runnable {
        private final PluginContext context;

        @Spec
        CommandSpec spec;

        Records(PluginContext context) {
            this.context = context;
        }

        /** Without a subcommand: a usage error. */
        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: count");
        }

        /** Prints how many images the registry holds and how often the sample's store counted a visit. */
        @Command(name = "count", description = "Count the registry's images and the sample's visits.")
        int count() {
            long images = context.registry().list(ImageQuery.all()).total();
            String visits = context.store().get("counters", "visits").orElse("0");
            boolean pluginLoader = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
            System.out.println("images " + images + ", visits " + visits + ", context loader is the plugin's "
                    + pluginLoader);
            return 0;
        }
    }
}
