package org.sregistry.host.plugins;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin jars on disk and whether each is ready to load: every {@code *.jar} in the plugins folders, in folder
 * order and then by name, followed by the jars built in the source tree (development mode only).
 *
 * <p>A jar is <em>settled</em> once nobody writes it any more: its size, modification time and file (inode) have
 * not changed for the settle time, or it was last modified longer ago than that (a jar moved in). A jar that is not
 * settled is <em>pending</em> and left alone, so a jar being copied in is never loaded half-written; whatever runs
 * from the previous file at that path keeps running meanwhile. A settled jar that does not open as a zip is
 * handed on anyway, for the loader to report as broken. At the first scan (the server starting) a jar that opens is
 * ready at once, and a jar the host wrote itself ({@link #scan(Set)}'s {@code trusted}) always is.
 *
 * <p>Paths are absolute and normalised; a symbolic link is followed only when its target lies inside the same
 * plugins folder, anything else is refused (and listed as such).
 */
final class PluginFolders {
    private static final Logger LOG = LoggerFactory.getLogger(PluginFolders.class);

    private final List<Path> folders;
    private final List<Path> devJars;
    private final Clock clock;
    private final Duration settle;
    private final Map<Path, Seen> seen = new HashMap<>();
    private boolean firstScanDone;

    /** What identifies one version of a file at a path. */
    record Fingerprint(long size, long modifiedMillis, Object fileKey) {
    }

    /** A jar to load. {@code dev}: built in the source tree, not in a plugins folder. */
    record Found(Path jar, Fingerprint fingerprint, boolean dev) {
    }

    /**
     * One look at the folders.
     *
     * @param ready   jars to load, in precedence order
     * @param pending jars still being written
     * @param refused jars that are not loaded, and why (a link out of the folder)
     */
    record Scan(List<Found> ready, Set<Path> pending, Map<Path, String> refused) {
        /** True when {@code jar} is on disk now, ready or not. */
        boolean present(Path jar) {
            return pending.contains(jar) || ready.stream().anyMatch(f -> f.jar().equals(jar));
        }
    }

    private record Seen(Fingerprint fingerprint, Instant since, Boolean opens) {
    }

    /**
     * @param folders the plugins folders
     * @param devJars jars built in the source tree (empty outside development mode)
     * @param clock   wall-clock time, compared with file modification times
     * @param settle  how long a jar must stay unchanged before it is loaded
     */
    PluginFolders(List<Path> folders, List<Path> devJars, Clock clock, Duration settle) {
        this.folders = folders.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.devJars = devJars.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.clock = clock;
        this.settle = settle;
    }

    /** The plugins folders (absolute, normalised); the first is where the host installs jars. */
    List<Path> folders() {
        return folders;
    }

    /** The folders holding development jars. */
    List<Path> devFolders() {
        return devJars.stream().map(Path::getParent).filter(Objects::nonNull).distinct().toList();
    }

    /** How long a jar must stay unchanged. */
    Duration settle() {
        return settle;
    }

    /** Looks at every jar now; {@code trusted} jars (written by the host itself) are ready at once. */
    synchronized Scan scan(Set<Path> trusted) {
        Instant now = clock.instant();
        boolean first = !firstScanDone;
        firstScanDone = true;
        List<Found> ready = new ArrayList<>();
        Set<Path> pending = new LinkedHashSet<>();
        Map<Path, String> refused = new LinkedHashMap<>();
        Set<Path> onDisk = new LinkedHashSet<>();
        for (Path folder : folders) {
            for (Path jar : jarsIn(folder, refused)) {
                onDisk.add(jar);
                classify(jar, false, now, first || trusted.contains(jar), ready, pending);
            }
        }
        for (Path jar : devJars) {
            if (Files.isRegularFile(jar)) {
                onDisk.add(jar);
                classify(jar, true, now, first || trusted.contains(jar), ready, pending);
            }
        }
        seen.keySet().retainAll(onDisk);
        return new Scan(List.copyOf(ready), Set.copyOf(pending), Map.copyOf(refused));
    }

    private void classify(Path jar, boolean dev, Instant now, boolean trustedNow, List<Found> ready, Set<Path> pending) {
        Fingerprint fingerprint;
        try {
            fingerprint = fingerprint(jar);
        } catch (IOException e) {
            return; // gone between the listing and now
        }
        Seen last = seen.get(jar);
        if (last == null || !last.fingerprint().equals(fingerprint)) {
            last = new Seen(fingerprint, now, null);
        }
        boolean quiet = !last.since().plus(settle).isAfter(now)
                || fingerprint.modifiedMillis() <= now.minus(settle).toEpochMilli();
        if (last.opens() == null && trustedNow && !quiet) {
            last = new Seen(fingerprint, last.since(), opensAsZip(jar));
        }
        seen.put(jar, last);
        boolean opens = Boolean.TRUE.equals(last.opens());
        if (quiet || (trustedNow && opens)) {
            ready.add(new Found(jar, fingerprint, dev));
        } else {
            pending.add(jar);
        }
    }

    /** The regular {@code *.jar} files of a folder, by name; links out of it are refused. */
    private static List<Path> jarsIn(Path folder, Map<Path, String> refused) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            Path realFolder = folder.toRealPath();
            for (Path entry : stream) {
                Path jar = folder.resolve(entry.getFileName()).normalize();
                if (jar.getFileName().toString().startsWith(".")) {
                    continue; // an editor's or a copy tool's temporary file
                }
                if (Files.isSymbolicLink(jar)) {
                    String problem = linkProblem(jar, realFolder);
                    if (problem != null) {
                        refused.put(jar, problem);
                        continue;
                    }
                }
                if (Files.isRegularFile(jar)) {
                    jars.add(jar);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list plugins folder {}: {}", folder, e.toString());
        }
        jars.sort(Comparator.naturalOrder());
        return jars;
    }

    private static String linkProblem(Path link, Path realFolder) {
        try {
            Path target = link.toRealPath();
            return target.startsWith(realFolder) ? null
                    : link.getFileName() + " is a symbolic link out of the plugins folder: copy the jar in instead";
        } catch (IOException e) {
            return link.getFileName() + " is a symbolic link to nothing";
        }
    }

    static Fingerprint fingerprint(Path jar) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        return new Fingerprint(attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey());
    }

    /** True when the file has a zip's central directory, which is written last. */
    static boolean opensAsZip(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.size() >= 0;
        } catch (IOException e) {
            return false;
        }
    }
}
