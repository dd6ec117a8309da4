package org.sregistry.globussim.transfer;

import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.store.TaskRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands a task's items into the directories to create and the files to copy (local and Globus paths). */
final class TransferPlanner {
    private TransferPlanner() {}

    record PlannedFile(Path source, Path destination, String sourcePath, String destinationPath, long size) {}

    record Plan(List<Path> directories, List<PlannedFile> files, long symlinks) {}

    static Plan plan(TaskRecord t, Endpoint src, Endpoint dst) throws TaskFailure, IOException {
        List<Path> dirs = new ArrayList<>();
        List<PlannedFile> files = new ArrayList<>();
        long symlinks = 0;
        for (TaskRecord.Item item : t.items) {
            Path source = EndpointPaths.resolve(src, item.sourcePath).local();
            Path destination = EndpointPaths.resolve(dst, item.destinationPath).local();
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new TaskFailure("FILE_NOT_FOUND", "No such file or directory: '" + item.sourcePath + "' on endpoint "
                        + src.displayName);
            }
            if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                if (!item.recursive) {
                    throw new TaskFailure("NOT_A_FILE", "'" + item.sourcePath + "' is a directory; submit it with recursive=true");
                }
                dirs.add(destination);
                try (Stream<Path> walk = Files.walk(source)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        if (p.equals(source)) continue;
                        String rel = source.relativize(p).toString().replace('\\', '/');
                        if (Files.isSymbolicLink(p)) {
                            symlinks++; // never followed: a link could lead outside the root
                        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                            if (included(t, p.getFileName().toString(), "dir")) dirs.add(destination.resolve(rel));
                        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && included(t, p.getFileName().toString(), "file")
                                && parentsIncluded(t, source, p)) {
                            files.add(new PlannedFile(p, destination.resolve(rel), join(item.sourcePath, rel),
                                    join(item.destinationPath, rel), Files.size(p)));
                        }
                    }
                }
            } else if (Files.isSymbolicLink(source)) {
                symlinks++;
            } else {
                files.add(new PlannedFile(source, destination, item.sourcePath, item.destinationPath, Files.size(source)));
            }
        }
        return new Plan(dirs, files, symlinks);
    }

    /** First matching filter rule wins; no match means included. */
    private static boolean included(TaskRecord t, String name, String type) {
        for (TaskRecord.FilterRule r : t.filterRules) {
            if (r.type != null && !r.type.equals(type)) continue;
            if (ListingQuery.globPattern(r.name).matcher(name).matches()) return "include".equals(r.method);
        }
        return true;
    }

    private static boolean parentsIncluded(TaskRecord t, Path root, Path file) {
        for (Path p = file.getParent(); p != null && !p.equals(root); p = p.getParent()) {
            if (!included(t, p.getFileName().toString(), "dir")) return false;
        }
        return true;
    }

    private static String join(String dir, String rel) {
        return (dir.endsWith("/") ? dir : dir + "/") + rel;
    }
}
