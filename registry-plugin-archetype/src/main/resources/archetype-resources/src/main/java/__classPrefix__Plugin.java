package ${package};

import org.pf4j.Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.PluginContext;

/**
 * The ${pluginId} plugin (plugin.properties names this class). The host makes one per start and hands it to the
 * extensions whose constructors ask for it, so they can share what it holds; host services come in the same way, as
 * a {@link PluginContext} constructor parameter.
 */
public class ${classPrefix}Plugin extends Plugin {
    private static final Logger LOG = LoggerFactory.getLogger(${classPrefix}Plugin.class);

    private final PluginContext context;

    public ${classPrefix}Plugin(PluginContext context) {
        this.context = context;
    }

    PluginContext context() {
        return context;
    }

    @Override
    public void start() {
        LOG.info("${pluginId} started (data in {})", context.cliMode() ? "the CLI" : context.dataDir());
    }
}
