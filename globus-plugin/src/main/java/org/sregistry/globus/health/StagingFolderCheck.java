package org.sregistry.globus.health;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.Extension;
import org.sregistry.api.HealthCheck;
import org.sregistry.api.PluginContext;
import org.sregistry.api.StorageErrors;
import org.sregistry.globus.config.GlobusSettings;

/**
 * {@code staging-folder} on {@code /health}: whether pushes can be staged and pulls can land in
 * {@code PLUGIN_GLOBUS_STAGING_DIR}. Up when the folder is writable with room left, or when it does not exist yet
 * but can be made (the first transfer makes it); down when it is not writable, cannot be made, or its disk is full.
 * Local checks only: no Globus request on a {@code /health} poll. The message names no path ({@code /health} is
 * public; {@code registry globus status} and {@code /globus} show the folder).
 */
@Extension
public class StagingFolderCheck implements HealthCheck {
    private final GlobusSettings settings;

    /** Created by the host with the plugin's context. */
    public StagingFolderCheck(PluginContext context) {
        this(new GlobusSettings(context.config(), context.hostDataDir()));
    }

    StagingFolderCheck(GlobusSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "staging-folder";
    }

    @Override
    public Result check() {
        Path folder = settings.stagingDir();
        if (Files.isDirectory(folder)) {
            if (!Files.isWritable(folder)) {
                return Result.unhealthy("the staging folder is not writable");
            }
            long free = StorageErrors.usableBytes(folder);
            return free >= 0 && free < StorageErrors.FULL_BELOW_BYTES ? Result.unhealthy("the staging folder's disk is full")
                    : Result.healthy("writable");
        }
        Path existing = folder.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (Files.exists(folder) || existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            return Result.unhealthy("the staging folder does not exist and cannot be made");
        }
        return Result.healthy("not made yet (the first transfer makes it)");
    }
}
