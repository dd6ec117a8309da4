package org.sregistry.registry.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.AddRequest;
import org.sregistry.api.AddResult;
import org.sregistry.api.ImageExistsException;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.ImageName;
import org.sregistry.api.ImagePage;
import org.sregistry.api.ImageQuery;
import org.sregistry.api.RegistryService;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.db.SqlErrors;
import org.sregistry.registry.db.Transactions;
import org.sregistry.registry.sif.SifHeaderReader;
import org.sregistry.registry.store.BlobStore;
import org.sregistry.registry.store.StagedBlob;

/**
 * The registry's images: names and metadata in the database, bytes in a {@link BlobStore} under
 * {@code <data-dir>/images}.
 *
 * <p>An add streams the bytes into a fsynced temp file first (no lock held), then in one
 * transaction: records the once-key (if any), locks or creates the blob row, renames the temp file
 * to its content address, points the name at it and stores the metadata. So the name becomes
 * visible only after the bytes are durable, and a crash at any point leaves either nothing or the
 * whole image. Blobs nobody refers to any more are deleted after the commit, under the same blob
 * row lock, so a concurrent add of the same content never loses its file.
 *
 * <p>Lookup rules: see {@link ImageLookup}. Once-keys share one namespace; give each plugin a
 * {@link #forPlugin} view so their keys cannot collide.
 */
public final class JdbcRegistryService implements RegistryService {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcRegistryService.class);
    /** Limits of the key/value columns (see V1__images.sql). */
    static final int MAX_KEY_LENGTH = 200;
    static final int MAX_VALUE_LENGTH = 4000;
    static final int MAX_ONCE_KEY_LENGTH = 500;

    private final Jdbi jdbi;
    private final BlobStore blobs;
    private final Clock clock;
    private final long maxImageBytes;
    private final ImagePolicy policy;
    private final ImageNameHooks hooks;

    /** A store that accepts container images only ({@link ImagePolicy#imagesOnly()}). */
    public JdbcRegistryService(Database db, Path dataDir, Clock clock, long maxImageBytes) {
        this(db, dataDir, clock, maxImageBytes, ImagePolicy.imagesOnly());
    }

    /**
     * Opens the store and recovers from a previous crash: removes temp files of dead processes and
     * blobs no name refers to.
     *
     * @param db            the migrated database
     * @param dataDir       the data directory; blobs go to {@code dataDir/images}
     * @param clock         the time source for created/updated times
     * @param maxImageBytes largest accepted image ({@code Long.MAX_VALUE} for no limit)
     * @param policy        which collections take files that are not container images
     */
    public JdbcRegistryService(Database db, Path dataDir, Clock clock, long maxImageBytes, ImagePolicy policy) {
        this(db, dataDir, clock, maxImageBytes, policy, ImageNameHooks.NONE);
    }

    /**
     * The same, with {@code hooks} called inside every transaction that points a name at a blob or
     * removes it.
     */
    public JdbcRegistryService(Database db, Path dataDir, Clock clock, long maxImageBytes, ImagePolicy policy,
                               ImageNameHooks hooks) {
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (maxImageBytes <= 0) {
            throw new IllegalArgumentException("maxImageBytes must be positive, got " + maxImageBytes);
        }
        this.jdbi = db.jdbi();
        this.blobs = new BlobStore(dataDir.resolve("images"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxImageBytes = maxImageBytes;
        recover();
    }

    /** The largest accepted image in bytes. */
    public long maxImageBytes() {
        return maxImageBytes;
    }

    /** The blob store (read-only use: paths for staging, counts for health checks). */
    public BlobStore blobStore() {
        return blobs;
    }

    /**
     * A view for one plugin: once-keys are prefixed with {@code pluginId/} so that two plugins
     * cannot claim each other's keys. Everything else is shared.
     */
    public RegistryService forPlugin(String pluginId) {
        Objects.requireNonNull(pluginId, "pluginId");
        return new PluginScopedRegistry(this, pluginId);
    }

    @Override
    public ImagePage list(ImageQuery query) {
        return list(query, null);
    }

    /**
     * A page of the images in the given collections only (a caller's visible ones); null: all.
     * The total counts the same images, so paging never reveals what is left out.
     */
    public ImagePage list(ImageQuery query, java.util.Collection<String> onlyCollections) {
        if (onlyCollections != null && onlyCollections.isEmpty()) {
            return new ImagePage(List.of(), 0, query.limit(), query.offset());
        }
        return jdbi.withHandle(h -> {
            long total = ImageTable.count(h, query.text(), onlyCollections);
            List<ImageInfo> items = ImageTable.toInfos(h, ImageTable.page(h, query, onlyCollections));
            return new ImagePage(items, total, query.limit(), query.offset());
        });
    }

    @Override
    public Optional<ImageInfo> get(String uri) {
        return jdbi.withHandle(h -> ImageLookup.find(h, uri).map(row -> ImageTable.toInfos(h, List.of(row)).get(0)));
    }

    /**
     * {@inheritDoc}
     *
     * @throws org.sregistry.api.UnsupportedImageException when the bytes are not a container image
     *         and the collection does not accept any file (nothing is stored)
     */
    @Override
    public AddResult add(AddRequest request) throws IOException {
        return add(request, request.replaceExisting()).result();
    }

    /**
     * Adds an image, optionally refusing to replace one. The existence check is made inside the
     * add's transaction (under the name's row lock or unique key), so of two racing adds with
     * {@code replaceExisting=false} exactly one wins.
     *
     * @param replaceExisting false: fail with {@link ImageExistsException} when the name exists
     *                        (the uploaded bytes are discarded)
     * @throws ImageExistsException when the name exists and {@code replaceExisting} is false
     */
    public AddedImage add(AddRequest request, boolean replaceExisting) throws IOException {
        ImageName name = ImageName.parse(request.name());
        checkMetadata(request.metadata());
        String onceKey = request.onceKey();
        if (onceKey != null) {
            checkOnceKey(onceKey);
            Optional<AddResult> done = jdbi.withHandle(h -> OnceRow.find(h, onceKey).map(o -> alreadyDone(h, o)));
            if (done.isPresent()) {
                return new AddedImage(done.get(), false); // cheap path: the bytes are not even read
            }
        }
        StagedBlob staged;
        if (request.file() != null) {
            ImageCheck.file(request.file(), name, policy);
            staged = blobs.stage(request.file(), maxImageBytes);
        } else {
            staged = blobs.stage(ImageCheck.stream(request.stream(), name, policy), maxImageBytes);
        }
        try {
            if (name.version() != null && !name.version().equals(staged.digest())) {
                throw new IllegalArgumentException("the content's digest " + staged.digest()
                        + " does not match the version in the name " + name.version());
            }
            Map<String, String> facts = SifHeaderReader.read(staged.tempFile());
            AddOutcome outcome = commitAdd(name, staged, facts, request.metadata(), onceKey, replaceExisting);
            if (outcome.replacedDigest() != null) {
                collect(outcome.replacedDigest());
            }
            if (outcome.alreadyDone()) {
                return new AddedImage(jdbi.withHandle(h -> alreadyDone(h, outcome.onceRow())), false);
            }
            ImageInfo info = jdbi.withHandle(h -> ImageTable.toInfos(h, List.of(outcome.row())).get(0));
            return new AddedImage(new AddResult(info, false), outcome.created());
        } catch (IOException | RuntimeException e) {
            // The bytes may have been placed before the transaction failed: delete them unless a
            // committed row refers to them.
            if (blobs.exists(staged.digest())) {
                removeUnlessReferenced(staged.digest());
            }
            throw e;
        } finally {
            blobs.discard(staged); // a no-op once the temp file was renamed into place
        }
    }

    private AddOutcome commitAdd(ImageName name, StagedBlob staged, Map<String, String> facts,
                                 Map<String, String> metadata, String onceKey,
                                 boolean replaceExisting) throws IOException {
        return Transactions.retrying(jdbi, (Handle h) -> {
            long now = clock.millis();
            if (onceKey != null) {
                Optional<OnceRow> done = OnceRow.find(h, onceKey);
                if (done.isPresent()) {
                    return new AddOutcome(null, null, true, done.get(), false);
                }
                // A concurrent add with the same key fails here with a duplicate key and is retried.
                OnceRow.insert(h, onceKey, name, staged.digest(), staged.size(), now);
            }
            storeBlob(h, staged, facts); // under the blob row lock: GC cannot delete it before we commit
            Pointed pointed = pointName(h, name, staged.digest(), staged.size(), now, metadata, replaceExisting);
            return new AddOutcome(pointed.row(), pointed.replaced(), false, null, pointed.created());
        });
    }

    /** What {@link #pointName} did: the row as it is now, the digest it replaced (or null), whether it is new. */
    private record Pointed(ImageRow row, String replaced, boolean created) {
    }

    /**
     * Points {@code name} at a stored blob inside the caller's transaction: repoints the name's row
     * (keeping its id and creation time) or inserts one, replaces its metadata and tells the hooks.
     * A concurrent insert of the same name makes ours fail on the unique key; the retry then finds
     * (and locks) the winner's row here.
     *
     * @throws ImageExistsException when the name exists and {@code replaceExisting} is false (rolls back)
     */
    private Pointed pointName(Handle h, ImageName name, String digest, long size, long now,
                              Map<String, String> metadata, boolean replaceExisting) {
        Optional<ImageRow> existing = ImageTable.lockByName(h, name);
        long id;
        String replaced = null;
        long createdAt = now;
        if (existing.isPresent()) {
            if (!replaceExisting) {
                throw new ImageExistsException(name); // rolls back; add() removes the placed blob
            }
            ImageRow old = existing.get();
            id = old.id();
            createdAt = old.createdAt();
            ImageTable.repoint(h, id, digest, size, now);
            if (!old.digest().equals(digest)) {
                replaced = old.digest();
            }
        } else {
            id = ImageTable.insertImage(h, name, digest, size, now);
        }
        ImageTable.replaceMetadata(h, id, metadata);
        hooks.pointed(h, id, name, digest);
        return new Pointed(new ImageRow(id, name.collection(), name.name(), name.tag(), digest, size, createdAt, now),
                replaced, existing.isEmpty());
    }

    /**
     * Points {@code name} at a blob that is already stored (pushed over {@code /v2/}), inside the
     * caller's transaction: no byte is copied. The blob must be a container image unless the
     * collection accepts any file; its SIF facts are recorded the first time it is named.
     *
     * @return the image row's id and the digest it pointed at before, if another one (collect it
     *         with {@link #collectIfUnreferenced} after the commit)
     * @throws org.sregistry.api.UnsupportedImageException when the blob is not a container image
     * @throws NoSuchFileException when the blob is not stored
     */
    public NamedBlob nameExistingBlob(Handle h, ImageName name, String digest, Map<String, String> metadata)
            throws IOException {
        checkMetadata(metadata);
        if (!ImageTable.lockBlob(h, digest) || !blobs.exists(digest)) {
            throw new NoSuchFileException(digest, null, "the blob is not stored");
        }
        Path file = blobs.path(digest);
        ImageCheck.file(file, name, policy);
        long size = Files.size(file);
        if (!ImageTable.hasFacts(h, digest)) {
            ImageTable.insertFacts(h, digest, SifHeaderReader.read(file));
        }
        Pointed pointed = pointName(h, name, digest, size, clock.millis(), metadata, true);
        return new NamedBlob(pointed.row().id(), pointed.replaced());
    }

    /**
     * Makes a staged blob stored, inside the caller's transaction: locks its row or creates it
     * (with {@code facts}), then moves the file to its content address under that lock, so that a
     * concurrent {@link #collectIfUnreferenced} cannot delete it before the caller's reference commits.
     */
    public void storeBlob(Handle h, StagedBlob staged, Map<String, String> facts) throws IOException {
        if (!ImageTable.lockBlob(h, staged.digest())) {
            ImageTable.insertBlob(h, staged.digest(), staged.size(), clock.millis(), facts);
        }
        blobs.place(staged);
    }

    /** Locks the row of a stored blob; false when there is none or its file is gone. */
    public boolean lockStoredBlob(Handle h, String digest) {
        return ImageTable.lockBlob(h, digest) && blobs.exists(digest);
    }

    /**
     * Removes {@code collection/name:tag} inside the caller's transaction.
     *
     * @return the digest it pointed at (collect it after the commit), or empty when there was no such image
     */
    public Optional<String> removeName(Handle h, ImageName name) {
        Optional<ImageRow> row = ImageTable.lockByName(h, name);
        return row.isPresent() ? removeRow(h, row.get()) : Optional.empty();
    }

    /** Removes the image with row id {@code imageId} inside the caller's transaction; see {@link #removeName}. */
    public Optional<String> removeImage(Handle h, long imageId) {
        Optional<ImageRow> row = ImageTable.lockById(h, imageId);
        return row.isPresent() ? removeRow(h, row.get()) : Optional.empty();
    }

    private Optional<String> removeRow(Handle h, ImageRow r) {
        hooks.removing(h, r.id(), new ImageName(r.collection(), r.name(), r.tag(), r.digest()));
        return ImageTable.deleteImage(h, r.id()) ? Optional.of(r.digest()) : Optional.empty();
    }

    /** The outcome of {@link #nameExistingBlob}: the image's row id and the digest it replaced, or null. */
    public record NamedBlob(long imageId, String replacedDigest) {
    }

    /**
     * Deletes the blob when nothing refers to it any more (no image, no OCI link, manifest or
     * reference), under its row lock; errors are logged, not thrown.
     */
    public void collectIfUnreferenced(String digest) {
        collectQuietly(digest);
    }

    /** The answer to a repeated once-key: the image now under that name, or what was added then. */
    private AddResult alreadyDone(Handle h, OnceRow once) {
        Optional<ImageRow> current = ImageTable.findBest(h, once.collection(), once.name(), once.tag(), null);
        ImageInfo info = current.isPresent()
                ? ImageTable.toInfos(h, List.of(current.get())).get(0)
                : new ImageInfo(once.imageName(), once.size(), Instant.ofEpochMilli(once.createdAt()),
                        Instant.ofEpochMilli(once.createdAt()), Map.of(), Map.of());
        return new AddResult(info, true);
    }

    @Override
    public boolean remove(String uri) {
        Optional<String> removedDigest = Transactions.retrying(jdbi, (Handle h) -> {
            Optional<ImageRow> row = ImageLookup.find(h, uri);
            return row.isPresent() ? removeRow(h, row.get()) : Optional.<String>empty();
        });
        removedDigest.ifPresent(this::collectQuietly);
        return removedDigest.isPresent();
    }

    @Override
    public Path blobFile(ImageInfo image) {
        return blobs.path(image.version());
    }

    @Override
    public InputStream open(ImageInfo image) throws IOException {
        return Files.newInputStream(blobFile(image));
    }

    /**
     * Deletes the blob when no name refers to it. Holds the blob row lock while deleting the file,
     * so an add of the same content either commits first (and the blob stays) or waits and then
     * places its own copy.
     *
     * @return true when the blob was deleted
     */
    boolean collect(String digest) throws IOException {
        return Transactions.retrying(jdbi, (Handle h) -> {
            if (!ImageTable.lockBlob(h, digest)) {
                return false; // no committed row: an add may be placing this file right now
            }
            if (ImageTable.isReferenced(h, digest)) {
                return false;
            }
            ImageTable.deleteBlob(h, digest);
            blobs.delete(digest); // before commit, while the lock is held
            LOG.info("deleted unreferenced blob {}", digest);
            return true;
        });
    }

    /**
     * Deletes a blob file after a failed add. A committed blob row decides through {@link #collect};
     * a file whose row was rolled back with the add is an orphan, removed the way startup does.
     */
    private void removeUnlessReferenced(String digest) {
        collectQuietly(digest);
        if (blobs.exists(digest)) {
            removeIfOrphan(digest);
        }
    }

    private void collectQuietly(String digest) {
        try {
            collect(digest);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not collect blob {}: {}", digest, e.toString());
        }
    }

    /**
     * Cleans up after a crash: temp files of dead processes, blob rows no name refers to, and blob
     * files without a row (renamed into place by an add that never committed).
     */
    private void recover() {
        try {
            blobs.tightenPermissions();
            blobs.removeStrayTempFiles();
            for (String digest : jdbi.withHandle(ImageTable::unreferencedBlobs)) {
                collectQuietly(digest);
            }
            for (String digest : blobs.storedDigests()) {
                removeIfOrphan(digest);
            }
        } catch (IOException e) {
            LOG.warn("cleanup of the image store failed: {}", e.toString());
        }
    }

    /**
     * Deletes a blob file that has no row. Claims the digest by inserting its row first: if a live
     * add holds that row (uncommitted), the insert fails or times out and the file is left alone.
     */
    private void removeIfOrphan(String digest) {
        try {
            jdbi.useTransaction(h -> {
                if (ImageTable.blobRowExists(h, digest)) {
                    return;
                }
                ImageTable.insertBlob(h, digest, 0, clock.millis(), Map.of());
                ImageTable.deleteBlob(h, digest);
                try {
                    blobs.delete(digest);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                LOG.info("deleted orphan blob {} (added by an upload that never committed)", digest);
            });
        } catch (RuntimeException e) {
            if (!SqlErrors.isRetryable(e)) {
                LOG.warn("could not check blob {}: {}", digest, e.toString());
            }
        }
    }

    private static void checkMetadata(Map<String, String> metadata) {
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("metadata key must be 1.." + MAX_KEY_LENGTH + " characters: " + key);
            }
            if (e.getValue() == null || e.getValue().length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException("metadata value of '" + key + "' must be at most "
                        + MAX_VALUE_LENGTH + " characters");
            }
        }
    }

    private static void checkOnceKey(String key) {
        if (key.isEmpty() || key.length() > MAX_ONCE_KEY_LENGTH) {
            throw new IllegalArgumentException("once-key must be 1.." + MAX_ONCE_KEY_LENGTH + " characters");
        }
    }
}
