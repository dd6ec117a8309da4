package org.sregistry.registry.oci;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.db.Transactions;
import org.sregistry.registry.images.JdbcRegistryService;

/**
 * Removes what pushes left behind: repository links no manifest uses, abandoned upload sessions,
 * upload files without a session, and then every blob nothing refers to any more. Everything
 * younger than the grace period is left alone, so a push in progress never loses what it has sent.
 *
 * <p>The rules, in the order a run applies them ({@code cutoff} = now minus the grace period):
 * <ol>
 *   <li>an upload session ({@code oci_uploads}) whose {@code updated_at} is before the cutoff and
 *       whose file was not written after it (a long chunk still arriving keeps it) is removed with
 *       its file; the row is deleted only while still that old, so a chunk that touched it
 *       meanwhile keeps it;</li>
 *   <li>a file in {@code <images>/uploads/} named like a session (a UUID) that has no session row
 *       and was last modified before the cutoff is deleted (a session being opened right now has
 *       its file a moment before its row);</li>
 *   <li>a repository link ({@code oci_links}) created before the cutoff whose digest no manifest of
 *       the same repository refers to ({@code oci_manifest_refs}) is removed: a blob uploaded or
 *       mounted into a repository that never got a manifest using it. Each in its own transaction,
 *       under the blob's row lock, re-checked in the delete, so a manifest committed meanwhile
 *       keeps it;</li>
 *   <li>a blob whose row was created before the cutoff and that nothing refers to (no image, no
 *       manifest is it or refers to it, no link younger than the cutoff) is collected through
 *       {@link JdbcRegistryService#collectIfUnreferenced}, which re-checks every reference under
 *       the blob's row lock: a push that links it first keeps it.</li>
 * </ol>
 * Manifests are never removed (untagged ones stay: clients pull by digest); the report counts the
 * untagged ones, those no tag, registry image or index of their repository names.
 *
 * <p>A dry run applies the same rules and removes nothing.
 */
public final class GarbageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    /** The grace period unless told otherwise. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    /** Entries a report lists (the counts are complete). */
    public static final int MAX_ITEMS = 100;
    /** Rows read per query: every page is a short read, every removal its own short transaction. */
    private static final int PAGE = 500;

    /**
     * Still referenced once the links this run removes are gone: an image, a manifest that is the
     * blob or refers to it, or a link younger than the cutoff (an old link that a manifest of its
     * repository uses implies such a manifest reference).
     */
    private static final String KEPT = "EXISTS (SELECT 1 FROM images i WHERE i.digest = b.digest)"
            + " OR EXISTS (SELECT 1 FROM oci_manifests m WHERE m.digest = b.digest)"
            + " OR EXISTS (SELECT 1 FROM oci_manifest_refs r WHERE r.ref_digest = b.digest)"
            + " OR EXISTS (SELECT 1 FROM oci_links l WHERE l.digest = b.digest AND l.created_at >= :cutoff)";
    private static final String LINK_UNUSED = "NOT EXISTS (SELECT 1 FROM oci_manifest_refs r"
            + " WHERE r.repository = l.repository AND r.ref_digest = l.digest)";

    private final Jdbi jdbi;
    private final JdbcRegistryService registry;
    private final BlobUploads uploads;
    private final Path uploadsFolder;
    private final Clock clock;
    private final Duration grace;

    /**
     * @param grace how old (links, blob rows, untouched sessions, upload files) something must be
     *              before it may go; zero or more
     */
    public GarbageCollector(Database db, JdbcRegistryService registry, OciStore oci, Clock clock, Duration grace) {
        this.jdbi = db.jdbi();
        this.registry = Objects.requireNonNull(registry, "registry");
        this.uploads = oci.uploads();
        this.uploadsFolder = registry.blobStore().folder().resolve("uploads");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace period must not be negative: " + grace);
        }
        this.grace = grace;
    }

    /** The grace period. */
    public Duration grace() {
        return grace;
    }

    /** What one kind of entry of a report is. */
    public enum Kind {
        /** An upload session (row and file). */
        UPLOAD_SESSION,
        /** A file in the uploads folder without a session. */
        ORPHAN_UPLOAD_FILE,
        /** A repository's link to a blob. */
        LINK,
        /** A stored blob (row and file). */
        BLOB
    }

    /**
     * One thing a run removed (or a dry run would remove).
     *
     * @param repository the repository (links, sessions), or null
     * @param id         the digest (links, blobs), session id or file name
     * @param bytes      the bytes it frees (blobs, session and upload files), else 0
     */
    public record Item(Kind kind, String repository, String id, long bytes) {
    }

    /**
     * The outcome of a run.
     *
     * @param startedAt          when the run started
     * @param took               how long it took
     * @param dryRun             true when nothing was removed (the counts say what would have been)
     * @param grace              the grace period used
     * @param uploadSessions     abandoned upload sessions removed
     * @param orphanUploadFiles  upload files without a session removed
     * @param uploadBytes        bytes of those session and upload files
     * @param links              repository links no manifest used, removed
     * @param blobs              blobs removed
     * @param blobBytes          their bytes
     * @param blobsKept          blobs that looked unreferenced but were kept: something referred to them by the
     *                           time their row lock was taken (a concurrent push); always 0 in a dry run
     * @param untaggedManifests  manifests no tag, registry image or index names (kept: pulled by digest)
     * @param errors             removals that failed (logged); the rest went on
     * @param items              the first {@value #MAX_ITEMS} removals, in the order made
     * @param itemsTruncated     true when there were more
     */
    public record Report(Instant startedAt, Duration took, boolean dryRun, Duration grace, int uploadSessions,
                         int orphanUploadFiles, long uploadBytes, int links, int blobs, long blobBytes, int blobsKept,
                         long untaggedManifests, int errors, List<Item> items, boolean itemsTruncated) {
        public Report {
            items = List.copyOf(items);
        }

        /** True when the run removed (would remove) nothing. */
        public boolean nothingRemoved() {
            return uploadSessions == 0 && orphanUploadFiles == 0 && links == 0 && blobs == 0;
        }

        /** One line with the counts, as logged. */
        public String summary() {
            return (dryRun ? "Storage clean-up (dry run) would remove " : "Storage clean-up removed ")
                    + links + " unused repository link" + plural(links) + ", "
                    + blobs + " blob" + plural(blobs) + " (" + blobBytes + " bytes), "
                    + uploadSessions + " abandoned upload session" + plural(uploadSessions) + " and "
                    + orphanUploadFiles + " orphan upload file" + plural(orphanUploadFiles)
                    + " (" + uploadBytes + " bytes); "
                    + (blobsKept > 0 ? blobsKept + " blob" + plural(blobsKept) + " kept (referenced again); " : "")
                    + (errors > 0 ? errors + " removal" + plural(errors) + " failed (see the log); " : "")
                    + untaggedManifests + " untagged manifest" + plural(untaggedManifests) + " kept; grace "
                    + grace + ", took " + took.toMillis() + " ms";
        }

        private static String plural(long n) {
            return n == 1 ? "" : "s";
        }
    }

    /**
     * One round: applies the rules above, in small transactions, and logs one INFO line with the
     * counts.
     *
     * @param dryRun true: remove nothing, report what would be removed
     */
    public Report run(boolean dryRun) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        long cutoff = started.toEpochMilli() - grace.toMillis();
        Tally tally = new Tally();
        uploadSessions(cutoff, dryRun, tally);
        orphanUploadFiles(cutoff, dryRun, tally);
        links(cutoff, dryRun, tally);
        blobs(cutoff, dryRun, tally);
        long untagged = jdbi.withHandle(GarbageCollector::untaggedManifests);
        Report report = new Report(started, Duration.ofNanos(System.nanoTime() - t0), dryRun, grace,
                tally.uploadSessions, tally.orphanUploadFiles, tally.uploadBytes, tally.links, tally.blobs,
                tally.blobBytes, tally.blobsKept, untagged, tally.errors, tally.items, tally.truncated);
        LOG.info("{}", report.summary());
        return report;
    }

    // ---- 1. upload sessions nobody touched for the grace period

    private record Session(String id, String repository) {
    }

    private void uploadSessions(long cutoff, boolean dryRun, Tally tally) {
        String last = "";
        while (true) {
            String after = last;
            List<Session> page = jdbi.withHandle(h -> h.createQuery("SELECT id, repository FROM oci_uploads"
                            + " WHERE updated_at < :cutoff AND id > :last ORDER BY id LIMIT :limit")
                    .bind("cutoff", cutoff).bind("last", after).bind("limit", PAGE)
                    .map((rs, ctx) -> new Session(rs.getString(1), rs.getString(2))).list());
            for (Session s : page) {
                Path file = uploadFile(s.id());
                long modified = file == null ? Long.MIN_VALUE : modifiedMillis(file);
                if (modified >= cutoff) {
                    continue; // bytes arrived within the grace period: a long chunk is still being written
                }
                long size = file == null ? 0 : sizeOf(file);
                if (dryRun) {
                    tally.session(s, size);
                    continue;
                }
                try {
                    boolean deleted = Transactions.retrying(jdbi, (Handle h) -> h.createUpdate(
                                    "DELETE FROM oci_uploads WHERE id = :id AND updated_at < :cutoff")
                            .bind("id", s.id()).bind("cutoff", cutoff).execute() > 0);
                    if (!deleted) {
                        continue; // finished, cancelled or touched meanwhile
                    }
                    if (file != null) {
                        uploads.delete(s.id());
                    }
                    tally.session(s, size);
                } catch (IOException | RuntimeException e) {
                    tally.failed("upload session " + s.id(), e);
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            last = page.get(page.size() - 1).id();
        }
    }

    // ---- 2. upload files without a session

    private void orphanUploadFiles(long cutoff, boolean dryRun, Tally tally) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(uploadsFolder)) {
            for (Path f : files) {
                names.add(f.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            tally.failed("listing " + uploadsFolder, e);
            return;
        }
        names.sort(null);
        for (String name : names) {
            Path file = uploadFile(name);
            if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || modifiedMillis(file) >= cutoff) {
                continue; // not ours, or young: a session being opened creates its file just before its row
            }
            boolean hasSession = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM oci_uploads WHERE id = :id")
                    .bind("id", name).mapTo(Long.class).one() > 0);
            if (hasSession) {
                continue;
            }
            long size = sizeOf(file);
            if (dryRun) {
                tally.orphan(name, size);
                continue;
            }
            try {
                uploads.delete(name);
                tally.orphan(name, size);
            } catch (IOException | RuntimeException e) {
                tally.failed("upload file " + file, e);
            }
        }
    }

    // ---- 3. repository links no manifest of the repository uses

    private record Link(String repository, String digest) {
    }

    private void links(long cutoff, boolean dryRun, Tally tally) {
        Link last = new Link("", "");
        while (true) {
            Link after = last;
            List<Link> page = jdbi.withHandle(h -> h.createQuery("SELECT l.repository, l.digest FROM oci_links l"
                            + " WHERE l.created_at < :cutoff AND " + LINK_UNUSED
                            + " AND (l.repository > :r OR (l.repository = :r AND l.digest > :d))"
                            + " ORDER BY l.repository, l.digest LIMIT :limit")
                    .bind("cutoff", cutoff).bind("r", after.repository()).bind("d", after.digest()).bind("limit", PAGE)
                    .map((rs, ctx) -> new Link(rs.getString(1), rs.getString(2))).list());
            for (Link link : page) {
                if (dryRun) {
                    tally.link(link);
                    continue;
                }
                try {
                    if (Transactions.retrying(jdbi, (Handle h) -> unlinkIfUnused(h, link, cutoff))) {
                        tally.link(link);
                    }
                } catch (RuntimeException e) {
                    tally.failed("link " + link.repository() + "@" + link.digest(), e);
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            last = page.get(page.size() - 1);
        }
    }

    /**
     * Deletes the link when still old and unused, holding the blob's row lock. A manifest push
     * that uses the blob takes the same lock before it writes its references: either the delete
     * here sees them and keeps the link, or it commits first and the push then still finds the
     * blob stored (its references keep it) or, when step 4 collected it before the push took the
     * lock, is refused (MANIFEST_BLOB_UNKNOWN): no manifest ever refers to a missing blob.
     */
    private static boolean unlinkIfUnused(Handle h, Link link, long cutoff) {
        h.createQuery("SELECT digest FROM blobs WHERE digest = :d<forUpdate>").bind("d", link.digest())
                .mapTo(String.class).findOne();
        return h.createUpdate("DELETE FROM oci_links WHERE repository = :r AND digest = :d AND created_at < :cutoff"
                        + " AND NOT EXISTS (SELECT 1 FROM oci_manifest_refs WHERE repository = :r AND ref_digest = :d)")
                .bind("r", link.repository()).bind("d", link.digest()).bind("cutoff", cutoff).execute() > 0;
    }

    // ---- 4. blobs nothing refers to

    private record BlobRow(String digest, long size) {
    }

    private void blobs(long cutoff, boolean dryRun, Tally tally) {
        String last = "";
        while (true) {
            String after = last;
            List<BlobRow> page = jdbi.withHandle(h -> h.createQuery("SELECT b.digest, b.size_bytes FROM blobs b"
                            + " WHERE b.created_at < :cutoff AND b.digest > :last AND NOT (" + KEPT + ")"
                            + " ORDER BY b.digest LIMIT :limit")
                    .bind("cutoff", cutoff).bind("last", after).bind("limit", PAGE)
                    .map((rs, ctx) -> new BlobRow(rs.getString(1), rs.getLong(2))).list());
            for (BlobRow blob : page) {
                if (dryRun) {
                    tally.blob(blob);
                    continue;
                }
                // re-checks every reference under the row lock; logs (never throws) what fails
                registry.collectIfUnreferenced(blob.digest());
                boolean gone = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM blobs WHERE digest = :d")
                        .bind("d", blob.digest()).mapTo(Long.class).one() == 0);
                if (gone) {
                    tally.blob(blob);
                } else {
                    tally.blobsKept++;
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            last = page.get(page.size() - 1).digest();
        }
    }

    // ---- the untagged manifests (counted, kept)

    private static long untaggedManifests(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM oci_manifests m"
                        + " WHERE NOT EXISTS (SELECT 1 FROM oci_tags t WHERE t.repository = m.repository AND t.digest = m.digest)"
                        + " AND NOT EXISTS (SELECT 1 FROM oci_image_manifests im JOIN images i ON i.id = im.image_id"
                        + "   WHERE im.digest = m.digest AND i.collection || '/' || i.name = m.repository)"
                        + " AND NOT EXISTS (SELECT 1 FROM oci_manifest_refs r"
                        + "   WHERE r.repository = m.repository AND r.ref_digest = m.digest)")
                .mapTo(Long.class).one();
    }

    // ---- helpers

    /** The file of session {@code id}, or null when {@code id} is no session id (not a UUID). */
    private Path uploadFile(String id) {
        try {
            return uploads.file(id); // refuses anything but a canonical UUID
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Last modification in epoch ms; {@code Long.MIN_VALUE} when the file is gone. */
    private static long modifiedMillis(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .lastModifiedTime().toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The counts of one run. */
    private static final class Tally {
        int uploadSessions;
        int orphanUploadFiles;
        long uploadBytes;
        int links;
        int blobs;
        long blobBytes;
        int blobsKept;
        int errors;
        final List<Item> items = new ArrayList<>();
        boolean truncated;

        void session(Session s, long size) {
            uploadSessions++;
            uploadBytes += size;
            add(new Item(Kind.UPLOAD_SESSION, s.repository(), s.id(), size));
        }

        void orphan(String name, long size) {
            orphanUploadFiles++;
            uploadBytes += size;
            add(new Item(Kind.ORPHAN_UPLOAD_FILE, null, name, size));
        }

        void link(Link link) {
            links++;
            add(new Item(Kind.LINK, link.repository(), link.digest(), 0));
        }

        void blob(BlobRow blob) {
            blobs++;
            blobBytes += blob.size();
            add(new Item(Kind.BLOB, null, blob.digest(), blob.size()));
        }

        void failed(String what, Exception e) {
            errors++;
            LOG.warn("Storage clean-up could not remove {}: {}", what, e.toString());
        }

        private void add(Item item) {
            if (items.size() < MAX_ITEMS) {
                items.add(item);
            } else {
                truncated = true;
            }
        }
    }
}
