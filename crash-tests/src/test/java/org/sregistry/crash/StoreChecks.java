package org.sregistry.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sregistry.crash.Figures.Count;

/**
 * The blob store on disk against the images the server lists: every file under {@code <data-dir>/images} named by
 * a SHA-256 must be some image's version (else an orphan), every image's version must have its file with the image's
 * size (else a name points at missing or short bytes), and no other file (temp files of an upload) may stay behind
 * except those whose name carries the pid of a live process (the server's own uploads in flight). A blob file that
 * is no image's version may be OCI content ({@link OciChecks#reachable}: a blob or manifest some repository still
 * serves); {@code images/uploads/} (OCI upload sessions) is {@link OciChecks}' to judge.
 *
 * <p>Recovery may still run, and the import task may be adding a pulled file, when the check starts: a finding
 * counts only when it is still there after {@value #RECHECKS} more looks a second apart.
 */
final class StoreChecks {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DIGITS = Pattern.compile("(?<![0-9a-f])[0-9]{2,9}(?![0-9a-f])");
    private static final int RECHECKS = 4;

    private final Path imagesDir;
    private final Path uploadsDir;
    private final Figures figures;
    private final OciChecks oci;

    StoreChecks(Path dataDir, Figures figures, OciChecks oci) {
        this.imagesDir = dataDir.resolve("images");
        this.uploadsDir = imagesDir.resolve("uploads");
        this.figures = figures;
        this.oci = oci;
    }

    /** What one look found. */
    private record Findings(Map<String, String> orphans, Map<String, String> missing, Map<String, String> stale) {
    }

    /** True when nothing was found that has not been reported already (a broken name stays broken). */
    private boolean nothingNew(Findings f) {
        return f.orphans().keySet().stream().allMatch(k -> figures.reported(Count.ORPHAN_BLOBS, k))
                && f.missing().keySet().stream().allMatch(k -> figures.reported(Count.HALF_WRITTEN, k))
                && f.stale().keySet().stream().allMatch(k -> figures.reported(Count.STALE_TEMP, k));
    }

    void check(RegistryApi api, Images first, int cycle) throws IOException, InterruptedException {
        Findings f = look(api, first);
        for (int i = 0; i < RECHECKS && !nothingNew(f); i++) {
            Thread.sleep(1000);
            f = look(api, Images.of(api.listAll()));
        }
        report(f.orphans(), Count.ORPHAN_BLOBS, cycle);
        report(f.missing(), Count.HALF_WRITTEN, cycle);
        report(f.stale(), Count.STALE_TEMP, cycle);
    }

    private void report(Map<String, String> findings, Count count, int cycle) {
        findings.forEach((key, what) -> figures.incidentOnce(count, key, cycle, what));
    }

    private Findings look(RegistryApi api, Images images) throws IOException {
        Map<String, Long> blobs = new HashMap<>();
        Map<String, String> stale = new HashMap<>();
        if (Files.isDirectory(imagesDir)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(imagesDir)) {
                files = walk.filter(p -> !p.startsWith(uploadsDir) && Files.isRegularFile(p)).toList();
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    if (HEX64.matcher(name).matches()) {
                        blobs.put("sha256:" + name, Files.size(file));
                    } else if (!writerMayBeAlive(name)) {
                        stale.put(imagesDir.relativize(file).toString(), "left-over file " + imagesDir.relativize(file)
                                + " (" + Files.size(file) + " bytes) after the restart");
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // removed while we looked: nothing to report
                }
            }
        }
        Map<String, String> orphans = new HashMap<>();
        java.util.Set<String> referenced = new java.util.HashSet<>();
        Map<String, String> missing = new HashMap<>();
        for (JsonNode image : images.byName().values()) {
            String digest = Images.versionOf(image);
            String name = Images.nameOf(image);
            long size = image.path("size").asLong();
            referenced.add(digest);
            Long onDisk = blobs.get(digest);
            if (onDisk == null || onDisk.longValue() != size) {
                missing.put(name + "@" + digest, name + ": its blob " + NameChecks.shortly(digest) + " is "
                        + (onDisk == null ? "missing" : onDisk + " bytes instead of " + size));
            }
        }
        for (Map.Entry<String, Long> blob : blobs.entrySet()) {
            String digest = blob.getKey();
            if (!referenced.contains(digest) && !oci.reachable(api, digest)) {
                orphans.put(digest, "blob " + NameChecks.shortly(digest) + " (" + blob.getValue() + " bytes) is no"
                        + " image's version" + (oci.sent(digest) ? ", and no repository it was pushed to serves it"
                        : " and was never pushed over /v2/"));
            }
        }
        return new Findings(orphans, missing, stale);
    }

    /**
     * Whether a temp file's name carries the pid of a live process: the live server's own uploads, or (pid_max is
     * often 32768) a killed writer's pid now reused by another process, which the registry rightly leaves alone.
     */
    private static boolean writerMayBeAlive(String name) {
        java.util.regex.Matcher digits = DIGITS.matcher(name);
        while (digits.find()) {
            long pid = Long.parseLong(digits.group());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** Files in the store (for the log). */
    long blobCount() throws IOException {
        if (!Files.isDirectory(imagesDir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(imagesDir)) {
            return walk.filter(p -> Files.isRegularFile(p) && HEX64.matcher(p.getFileName().toString()).matches()).count();
        }
    }
}
