package ${package};

import java.util.concurrent.Callable;
import org.pf4j.Extension;
import org.sregistry.api.CommandContributor;
import org.sregistry.api.PluginContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code registry ${pluginId} --name ada}: greets, and says how often the task has run (from the same database). */
@Extension
public class ${classPrefix}Command implements CommandContributor {
    private final PluginContext context;

    public ${classPrefix}Command(PluginContext context) {
        this.context = context;
    }

    @Override
    public Object command() {
        return new Greet(context);
    }

    /** The command; exit code 0 (picocli: 1 failure, 2 usage error). */
    @Command(name = "${pluginId}", mixinStandardHelpOptions = true, description = "Greet from the ${pluginId} plugin.")
    public static class Greet implements Callable<Integer> {
        private final PluginContext context;

        @Spec
        CommandSpec spec;

        @Option(names = "--name", defaultValue = "world", description = "Whom to greet (default: world).")
        String name;

        Greet(PluginContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(context.config().get(${classPrefix}Options.GREETING) + ", " + name
                    + " (" + ${classPrefix}Task.runs(context.store()) + " task runs so far)");
            return 0;
        }
    }
}
