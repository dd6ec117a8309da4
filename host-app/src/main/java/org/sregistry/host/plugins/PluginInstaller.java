package org.sregistry.host.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.pf4j.PluginDescriptor;
import org.sregistry.api.StorageErrors;

/**
 * Installs, upgrades and removes plugin jars for the settings page and {@code /api/plugins}. An uploaded jar is
 * written to a hidden file in the plugins folder (which scans skip), checked — it opens, its descriptor names a
 * plugin id usable as a file name (the one asked for, if any) and this host satisfies its {@code plugin.requires} —
 * and then moved over {@code <id>.jar} in one step, so a scan never sees half of it. The plugin host loads it at
 * once; other jars of the same id in the plugins folder are removed, so the upload is the one that runs.
 */
public final class PluginInstaller {
    /** Larger uploads are refused. */
    public static final long MAX_JAR_BYTES = 512L << 20;
    /** Ids that make safe file names and URL segments. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final PluginHost host;

    public PluginInstaller(PluginHost host) {
        this.host = host;
    }

    /** Why an upload or a removal was refused: the caller's mistake, said in one sentence. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final int status;

        Refused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        /** The HTTP status to answer. */
        public int status() {
            return status;
        }

        /** The short error code ({@code invalid_plugin_jar}, ...). */
        public String code() {
            return code;
        }
    }

    /** A finished install: the plugin now, and whether its id was new. */
    public record Installed(PluginRecord plugin, boolean created) {
    }

    /**
     * Installs or upgrades from a jar body.
     *
     * @param expectedId the id the caller named ({@code PUT /api/plugins/{id}}), or null to take the jar's
     * @throws Refused      when the jar is not a plugin this host can load, or names another id
     * @throws IOException  when it cannot be written (a full disk is classified, see {@link StorageErrors})
     */
    public Installed install(String expectedId, InputStream body) throws IOException {
        Path folder = host.installFolder();
        if (!Files.isDirectory(folder)) {
            org.sregistry.registry.files.OwnerOnly.folder(folder);
        }
        Path staged = Files.createTempFile(folder, ".upload-", ".jar");
        try {
            copyBounded(body, staged, folder);
            PluginDescriptor descriptor = descriptorOf(staged);
            String id = descriptor.getPluginId();
            if (id == null || !SAFE_ID.matcher(id).matches()) {
                throw new Refused(400, "invalid_plugin_jar", "the jar's plugin id " + (id == null ? "is missing"
                        : "'" + id + "' is not usable: letters, digits, '-' and '_', at most 64"));
            }
            if (expectedId != null && !expectedId.equals(id)) {
                throw new Refused(400, "plugin_id_mismatch", "the jar is plugin '" + id + "', not '" + expectedId + "'");
            }
            if (!host.runtime().hostSatisfies(descriptor.getRequires())) {
                throw new Refused(400, "unsupported_host", "plugin " + id + " requires registry "
                        + descriptor.getRequires() + "; this is " + host.runtime().hostVersion());
            }
            Path target = folder.resolve(id + ".jar");
            if (Files.isRegularFile(target)) {
                String there = idOf(target);
                if (there != null && !there.equals(id)) {
                    throw new Refused(409, "jar_name_taken", target.getFileName() + " in the plugins folder holds"
                            + " plugin '" + there + "': rename or remove it first");
                }
            }
            boolean created = host.plugin(id).isEmpty();
            host.changeJars(() -> {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                for (Path other : host.jarsOf(id)) {
                    if (!other.equals(target)) {
                        Files.deleteIfExists(other); // the upload is the one that runs
                    }
                }
            }, Set.of(target));
            return new Installed(host.plugin(id).orElseThrow(), created);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /**
     * Removes a plugin's jars from the plugins folder; the plugin is unloaded.
     *
     * @throws Refused when there is no such plugin, or its jar is not in a plugins folder
     */
    public void remove(String id) throws IOException {
        if (host.plugin(id).isEmpty()) {
            throw new Refused(404, "not_found", "no plugin with id " + id);
        }
        List<Path> jars = host.jarsOf(id);
        if (jars.isEmpty()) {
            throw new Refused(409, "not_removable", "plugin " + id + " has no jar in the plugins folder: it is"
                    + " loaded from the source tree (development mode)");
        }
        host.changeJars(() -> {
            for (Path jar : jars) {
                Files.deleteIfExists(jar);
            }
        }, Set.of());
    }

    private static void copyBounded(InputStream body, Path staged, Path folder) throws IOException {
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(staged)) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                written += n;
                if (written > MAX_JAR_BYTES) {
                    throw new Refused(413, "too_large", "a plugin jar may have at most " + (MAX_JAR_BYTES >> 20)
                            + " MiB");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw StorageErrors.classify(e, folder, written);
        }
        if (written == 0) {
            throw new Refused(400, "invalid_plugin_jar", "the request has no body: send the plugin jar");
        }
    }

    private PluginDescriptor descriptorOf(Path staged) {
        if (!PluginFolders.opensAsZip(staged)) {
            throw new Refused(400, "invalid_plugin_jar", "the body is not a jar (zip) file");
        }
        try {
            return host.runtime().describe(staged);
        } catch (RuntimeException e) {
            throw new Refused(400, "invalid_plugin_jar", "the jar has no usable plugin descriptor: "
                    + PluginHost.rootMessage(e));
        }
    }

    private String idOf(Path jar) {
        try {
            return host.runtime().describe(jar).getPluginId();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
