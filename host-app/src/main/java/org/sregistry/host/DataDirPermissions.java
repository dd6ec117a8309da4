package org.sregistry.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.sregistry.registry.files.OwnerOnly;

/**
 * The data dir is its owner's alone: created 0700, and at every start the folders an older
 * version made 0755 (the data dir, {@code auth}, {@code plugin-data/*}, {@code tmp}) are tightened
 * to 0700 and the files in {@code auth} to 0600. The image store, the database and the logs
 * tighten their own folders when they open them.
 */
final class DataDirPermissions {
    private DataDirPermissions() {
    }

    /** Creates or tightens {@code dataDir} and what the host keeps in it. */
    static void prepare(Path dataDir) throws IOException {
        OwnerOnly.folder(dataDir);
        for (String name : new String[] {"auth", "plugin-data", "tmp"}) {
            Path dir = dataDir.resolve(name);
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                OwnerOnly.folder(dir);
            }
        }
        Path pluginData = dataDir.resolve("plugin-data");
        if (Files.isDirectory(pluginData, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> plugins = Files.newDirectoryStream(pluginData)) {
                for (Path plugin : plugins) {
                    if (Files.isDirectory(plugin, LinkOption.NOFOLLOW_LINKS)) {
                        OwnerOnly.folder(plugin);
                    }
                }
            }
        }
        Path auth = dataDir.resolve("auth");
        if (Files.isDirectory(auth, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(auth)) {
                for (Path file : files) {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        OwnerOnly.tighten(file, OwnerOnly.FILE);
                    }
                }
            }
        }
    }
}
