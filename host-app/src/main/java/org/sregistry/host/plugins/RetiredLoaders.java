package org.sregistry.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class loaders of unloaded plugins that requests on the previous web application may still use, with the jar
 * copies they read. The web layer takes them when it swaps applications and releases them once the old one's
 * requests have ended; whatever nobody took is released when the host closes.
 */
final class RetiredLoaders {
    private static final Logger LOG = LoggerFactory.getLogger(RetiredLoaders.class);
    private final List<Retired> waiting = new ArrayList<>();

    /** One retired loader and its jar copy (deleted with it), either may be null. */
    record Retired(String pluginId, ClassLoader loader, Path jarCopy) {
    }

    synchronized void add(Retired retired) {
        waiting.add(retired);
    }

    /** Everything retired so far, to release later with {@link #release(List)}. */
    synchronized List<Retired> take() {
        List<Retired> taken = List.copyOf(waiting);
        waiting.clear();
        return taken;
    }

    /** Closes the loaders and deletes their jar copies. */
    static void release(List<Retired> retired) {
        for (Retired r : retired) {
            try {
                if (r.loader() instanceof RetiringPluginClassLoader loader) {
                    loader.release();
                }
            } catch (IOException e) {
                LOG.warn("Class loader of plugin {} did not close cleanly: {}", r.pluginId(), e.toString());
            }
            if (r.jarCopy() != null) {
                try {
                    Files.deleteIfExists(r.jarCopy());
                } catch (IOException e) {
                    LOG.debug("Jar copy {} left behind: {}", r.jarCopy(), e.toString());
                }
            }
        }
    }
}
