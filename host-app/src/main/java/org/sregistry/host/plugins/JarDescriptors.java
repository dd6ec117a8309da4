package org.sregistry.host.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.pf4j.PluginDescriptor;

/**
 * What each jar on disk declares (id and version), read once per version of the file, or why it cannot be read.
 */
final class JarDescriptors {
    private final Function<Path, PluginDescriptor> reader;
    private final Map<Path, Described> known = new HashMap<>();

    /** A jar's id and version, or its {@code error} (then id and version are null). */
    record Described(PluginFolders.Fingerprint fingerprint, String id, String version, String error) {
    }

    JarDescriptors(Function<Path, PluginDescriptor> reader) {
        this.reader = reader;
    }

    Described describe(PluginFolders.Found found) {
        Described cached = known.get(found.jar());
        if (cached != null && cached.fingerprint().equals(found.fingerprint())) {
            return cached;
        }
        Described described;
        String name = found.jar().getFileName().toString();
        try {
            PluginDescriptor descriptor = reader.apply(found.jar());
            String id = descriptor.getPluginId();
            described = id == null || id.isBlank()
                    ? new Described(found.fingerprint(), null, null, "cannot load " + name + ": its descriptor has no"
                    + " plugin id")
                    : new Described(found.fingerprint(), id, descriptor.getVersion() == null ? ""
                    : descriptor.getVersion(), null);
        } catch (RuntimeException e) {
            described = new Described(found.fingerprint(), null, null, "cannot load " + name + ": "
                    + PluginHost.rootMessage(e));
        }
        known.put(found.jar(), described);
        return described;
    }

    /** Forgets the jars that are no longer on disk. */
    void retain(PluginFolders.Scan scan) {
        known.keySet().removeIf(jar -> !scan.present(jar));
    }

    /** Every jar on disk known to declare {@code id}. */
    List<Path> declaring(String id) {
        List<Path> jars = new ArrayList<>();
        known.forEach((jar, described) -> {
            if (id.equals(described.id())) {
                jars.add(jar);
            }
        });
        return jars;
    }
}
