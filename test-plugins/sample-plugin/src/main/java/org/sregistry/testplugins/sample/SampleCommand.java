package org.sregistry.testplugins.sample;

import java.util.concurrent.Callable;
import org.pf4j.Extension;
import org.sregistry.api.CommandContributor;
import org.sregistry.api.PluginContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code registry sample --name X}. */
@Extension
public class SampleCommand implements CommandContributor {
    private final PluginContext context;

    public SampleCommand(PluginContext context) {
        this.context = context;
    }

    @Override
    public Object command() {
        return new Greet(context);
    }

    /** The command. */
    @Command(name = "sample", mixinStandardHelpOptions = true, description = "Say hello from the sample plugin.")
    public static class Greet implements Callable<Integer> {
        private final PluginContext context;

        @Option(names = "--name", required = true, description = "Whom to greet.")
        String name;

        Greet(PluginContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            System.out.println(context.config().get("PLUGIN_SAMPLE_GREETING") + ", " + name
                    + " (data dir " + context.hostDataDir() + ", cli " + context.cliMode() + ")");
            return 0;
        }
    }
}
