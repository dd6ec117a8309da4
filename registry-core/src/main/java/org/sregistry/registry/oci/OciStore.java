package org.sregistry.registry.oci;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.ImageName;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.api.UnsupportedImageException;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.db.Transactions;
import org.sregistry.registry.images.JdbcRegistryService;
import org.sregistry.registry.sif.SifHeaderReader;
import org.sregistry.registry.store.BlobStore;
import org.sregistry.registry.store.StagedBlob;

/**
 * The storage behind {@code /v2/}: repository links to blobs of the registry's one
 * content-addressed store, upload sessions, manifests stored as exact bytes, tags, referrers.
 * Every change that makes a blob referenced happens in one transaction under the blob's row lock,
 * so a concurrent garbage collection or delete never removes a blob a push is about to use.
 *
 * <p>A repository {@code collection/name} is also the registry's image namespace: its tags include
 * the registry images' tags ({@link SifManifests}), and a SIF pushed to it becomes a registry image.
 */
public final class OciStore {
    private static final Logger LOG = LoggerFactory.getLogger(OciStore.class);
    /** Largest manifest accepted (the spec asks for at least 4 MB). */
    public static final int MAX_MANIFEST_BYTES = 4 << 20;
    /** Tag the library client pushes its manifest under before tagging an index: not an image name. */
    private static final java.util.regex.Pattern LIBRARY_DIGEST_TAG = java.util.regex.Pattern.compile("sha256\\.[0-9a-f]{64}");

    private final Jdbi jdbi;
    private final JdbcRegistryService registry;
    private final BlobStore blobs;
    private final BlobUploads uploads;
    private final Clock clock;
    private final LongSupplier minFreeBytes;

    /**
     * @param minFreeBytes the free space an upload must leave in the images folder (live value)
     */
    public OciStore(Database db, JdbcRegistryService registry, Clock clock, LongSupplier minFreeBytes) {
        this.jdbi = db.jdbi();
        this.registry = registry;
        this.blobs = registry.blobStore();
        this.uploads = new BlobUploads(blobs.folder());
        this.clock = clock;
        this.minFreeBytes = minFreeBytes;
        recoverUploads();
    }

    /**
     * Puts upload sessions and their files back in step after a crash; runs before the server takes requests.
     * <ul>
     *   <li>A session file without a session (killed between creating the file and committing its row, or between
     *       deleting the row and the file) is removed: nobody could reach or remove it otherwise.</li>
     *   <li>A session without its file is forgotten: a finishing PUT renames the file into the blob store inside its
     *       transaction, so a kill before the commit leaves the row and an orphan blob (removed by the registry's
     *       recovery). The session's bytes are gone; it must answer 404 (start the upload again), not 204 with
     *       {@code Range: 0-0} and 400 to every PATCH and PUT.</li>
     * </ul>
     */
    private void recoverUploads() {
        try {
            List<String> ids = jdbi.withHandle(OciTables::uploadIds);
            java.util.Set<String> sessions = new java.util.HashSet<>(ids);
            int files = uploads.deleteUnless(sessions::contains);
            int rows = 0;
            for (String id : ids) {
                if (!Files.exists(uploads.file(id))) {
                    Transactions.retryingVoid(jdbi, h -> OciTables.deleteUpload(h, id));
                    rows++;
                }
            }
            if (files + rows > 0) {
                LOG.info("upload sessions after a crash: removed {} session files without a session, forgot {}"
                        + " sessions whose bytes a cut finishing PUT had moved (they now answer 404)", files, rows);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cleanup of the upload sessions failed: {}", e.toString());
        }
    }

    /** A stored blob as served: its file and size. */
    public record Blob(String digest, Path file, long size) {
    }

    /** A stored manifest as served. */
    public record Manifest(String digest, String mediaType, Path file, long size, String subject) {
    }

    /** The largest blob accepted. */
    public long maxBlobBytes() {
        return registry.maxImageBytes();
    }

    // ---- blobs

    /** The blob when {@code repository} may serve it (uploaded, mounted or used there). */
    public Optional<Blob> blob(String repository, String digest) {
        if (!jdbi.withHandle(h -> visible(h, repository, digest))) {
            return Optional.empty();
        }
        Path file = blobs.path(digest);
        try {
            return Optional.of(new Blob(digest, file, Files.size(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted between the check and now
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean visible(Handle h, String repository, String digest) {
        Optional<ImageName> image = imageNamespace(repository);
        return h.createQuery("SELECT (SELECT COUNT(*) FROM oci_links WHERE repository = :r AND digest = :d)"
                        + " + (SELECT COUNT(*) FROM oci_manifest_refs WHERE repository = :r AND ref_digest = :d)"
                        + " + (SELECT COUNT(*) FROM images WHERE collection = :c AND name = :n AND digest = :d)")
                .bind("r", repository).bind("d", digest)
                .bind("c", image.map(ImageName::collection).orElse("")).bind("n", image.map(ImageName::name).orElse(""))
                .mapTo(Long.class).one() > 0;
    }

    /**
     * Removes the blob from {@code repository}; false when it was not there. Its bytes go when
     * nothing else uses them.
     *
     * @throws OciException 409 DENIED while a manifest or registry image of the repository uses it
     *         (it would still be served: delete that first)
     */
    public boolean deleteBlob(String repository, String digest) {
        boolean removed = Transactions.retrying(jdbi, (Handle h) -> {
            Optional<ImageName> ns = imageNamespace(repository);
            boolean usedByManifest = h.createQuery("SELECT COUNT(*) FROM oci_manifest_refs WHERE repository = :r"
                    + " AND ref_digest = :d").bind("r", repository).bind("d", digest).mapTo(Long.class).one() > 0;
            boolean usedByImage = ns.isPresent() && h.createQuery("SELECT COUNT(*) FROM images WHERE collection = :c"
                    + " AND name = :n AND digest = :d").bind("c", ns.get().collection()).bind("n", ns.get().name())
                    .bind("d", digest).mapTo(Long.class).one() > 0;
            if (usedByManifest || usedByImage) {
                throw new OciException(OciError.DENIED, 409, "blob " + digest + " is used by "
                        + (usedByImage ? "a registry image" : "a manifest") + " of " + repository
                        + ": delete that first");
            }
            return OciTables.unlink(h, repository, digest);
        });
        if (removed) {
            registry.collectIfUnreferenced(digest);
        }
        return removed;
    }

    /**
     * Makes a blob of repository {@code from} available in {@code repository} without copying a
     * byte. False when {@code from} does not have it (the caller then opens an upload instead).
     */
    public boolean mount(String repository, String from, String digest) {
        return Transactions.retrying(jdbi, (Handle h) -> {
            if (!visible(h, from, digest) || !registry.lockStoredBlob(h, digest)) {
                return false;
            }
            OciTables.link(h, repository, digest, clock.millis());
            return true;
        });
    }

    // ---- uploads

    /** Opens an upload session in {@code repository}; returns its id. */
    public String startUpload(String repository) throws IOException {
        blobs.checkRoom(0, minFreeBytes.getAsLong());
        String id = uploads.create();
        Transactions.retryingVoid(jdbi, h -> OciTables.insertUpload(h, id, repository, clock.millis()));
        return id;
    }

    /** Bytes received so far by an upload session. */
    public long uploadSize(String repository, String id) throws IOException {
        requireUpload(repository, id);
        return uploads.size(id);
    }

    /**
     * Appends a chunk to an upload session.
     *
     * @param start  the chunk's first byte as the client says ({@code Content-Range}), or -1
     * @param length the chunk's length when known ({@code Content-Length}), else -1
     * @return bytes received so far
     */
    public long appendChunk(String repository, String id, long start, long length, InputStream in) throws IOException {
        return appendChunk(repository, id, start, length, false, in);
    }

    /**
     * Appends a chunk to an upload session.
     *
     * @param exact true when the chunk must be exactly {@code length} bytes ({@code Content-Range}
     *              named them): a shorter or longer one is refused (416) and none of it kept
     * @return bytes received so far
     */
    public long appendChunk(String repository, String id, long start, long length, boolean exact, InputStream in)
            throws IOException {
        requireUpload(repository, id);
        if (length > maxBlobBytes()) {
            throw new org.sregistry.registry.store.ImageTooLargeException(maxBlobBytes());
        }
        if (length > 0) {
            blobs.checkRoom(length, minFreeBytes.getAsLong());
        }
        long size = uploads.append(id, start, exact ? length : -1, in, maxBlobBytes());
        Transactions.retryingVoid(jdbi, h -> OciTables.touchUpload(h, id, clock.millis()));
        return size;
    }

    /**
     * Finishes an upload session: appends {@code lastChunk} (may be empty), checks the whole blob's
     * digest and stores it. The session is gone afterwards, whatever the outcome.
     *
     * @throws OciException DIGEST_INVALID when the bytes do not have {@code digest}
     */
    public Blob finishUpload(String repository, String id, String digest, InputStream lastChunk) throws IOException {
        requireUpload(repository, id);
        boolean done = false;
        try {
            uploads.append(id, -1, -1, lastChunk, maxBlobBytes());
            StagedBlob staged = uploads.finish(id);
            if (!staged.digest().equals(digest)) {
                throw new OciException(OciError.DIGEST_INVALID, "the uploaded bytes have digest " + staged.digest()
                        + ", not " + digest + " (upload discarded)");
            }
            Blob blob = store(repository, staged, h -> OciTables.deleteUpload(h, id));
            done = true;
            return blob;
        } finally {
            if (!done) {
                forgetUpload(id);
            }
        }
    }

    /** Cancels an upload session. False when there was none. */
    public boolean cancelUpload(String repository, String id) throws IOException {
        if (!uploadExists(repository, id)) {
            return false;
        }
        forgetUpload(id);
        return true;
    }

    /** A monolithic upload of unknown length. */
    public Blob putBlob(String repository, String digest, InputStream body) throws IOException {
        return putBlob(repository, digest, -1, body);
    }

    /**
     * A monolithic upload: the whole blob in one request.
     *
     * @param length the body's length when known ({@code Content-Length}), else -1
     */
    public Blob putBlob(String repository, String digest, long length, InputStream body) throws IOException {
        if (length > maxBlobBytes()) {
            throw new org.sregistry.registry.store.ImageTooLargeException(maxBlobBytes());
        }
        blobs.checkRoom(Math.max(0, length), minFreeBytes.getAsLong());
        StagedBlob staged = blobs.stage(body, maxBlobBytes());
        try {
            if (!staged.digest().equals(digest)) {
                throw new OciException(OciError.DIGEST_INVALID, "the uploaded bytes have digest " + staged.digest()
                        + ", not " + digest);
            }
            return store(repository, staged, h -> { });
        } finally {
            blobs.discard(staged);
        }
    }

    private Blob store(String repository, StagedBlob staged, Transactions.HandleConsumerX<RuntimeException> also)
            throws IOException {
        Map<String, String> facts = SifHeaderReader.read(staged.tempFile());
        Transactions.retryingVoid(jdbi, (Handle h) -> {
            registry.storeBlob(h, staged, facts);
            OciTables.link(h, repository, staged.digest(), clock.millis());
            also.useHandle(h);
        });
        return new Blob(staged.digest(), blobs.path(staged.digest()), staged.size());
    }

    private void requireUpload(String repository, String id) {
        if (!uploadExists(repository, id)) {
            throw new OciException(OciError.BLOB_UPLOAD_UNKNOWN, "no upload session " + id + " in " + repository);
        }
    }

    private boolean uploadExists(String repository, String id) {
        try {
            uploads.file(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return jdbi.withHandle(h -> OciTables.uploadExists(h, id, repository));
    }

    /** The upload sessions' files ({@link GarbageCollector} removes abandoned ones through it). */
    BlobUploads uploads() {
        return uploads;
    }

    private void forgetUpload(String id) {
        try {
            Transactions.retryingVoid(jdbi, h -> OciTables.deleteUpload(h, id));
            uploads.delete(id);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove upload session {}: {}", id, e.toString());
        }
    }

    // ---- manifests

    /**
     * Stores a manifest under {@code reference} (a tag or its digest).
     *
     * @return the stored manifest
     * @throws OciException MANIFEST_INVALID, MANIFEST_BLOB_UNKNOWN, DIGEST_INVALID, SIZE_INVALID (413)
     */
    public Manifest putManifest(String repository, String reference, byte[] bytes, String contentType)
            throws IOException {
        boolean byDigest = OciNames.looksLikeDigest(reference);
        if (byDigest) {
            OciNames.digest(reference); // the reference first: a bad tag is named as such, not as a bad body
        } else {
            OciNames.tag(reference);
        }
        ManifestDocument doc = ManifestDocument.parse(bytes, MediaTypes.bare(contentType));
        StagedBlob staged = blobs.stage(new ByteArrayInputStream(bytes), MAX_MANIFEST_BYTES);
        try {
            if (byDigest && !OciNames.digest(reference).equals(staged.digest())) {
                throw new OciException(OciError.DIGEST_INVALID, "the manifest's digest is " + staged.digest()
                        + ", not " + reference);
            }
            String tag = byDigest ? null : OciNames.tag(reference);
            Optional<ImageName> image = tag == null ? Optional.empty() : imageName(repository, tag);
            List<String> collect = new ArrayList<>();
            Transactions.retryingVoid(jdbi, (Handle h) -> {
                collect.clear();
                long now = clock.millis();
                checkReferences(h, repository, doc);
                registry.storeBlob(h, staged, Map.of());
                // names first: replacing an image drops its old manifest, which may be this very one
                Long imageId = null;
                if (tag != null) {
                    Optional<String> sifLayer = image.isPresent() ? sifLayer(h, repository, doc) : Optional.empty();
                    if (sifLayer.isPresent()) {
                        imageId = nameImage(h, image.get(), sifLayer.get(), staged.digest(), collect);
                    } else {
                        image.ifPresent(name -> registry.removeName(h, name).ifPresent(collect::add));
                    }
                }
                if (OciTables.manifest(h, repository, staged.digest()).isEmpty()) {
                    OciTables.insertManifest(h, new OciTables.ManifestRow(repository, staged.digest(), doc.mediaType(),
                            doc.artifactType(), doc.subject(), bytes.length, now));
                    for (String ref : new java.util.LinkedHashSet<>(doc.references())) {
                        OciTables.insertRef(h, repository, staged.digest(), ref);
                    }
                }
                if (imageId != null) {
                    OciTables.putImageManifest(h, imageId, staged.digest(), false, now);
                } else if (tag != null) {
                    OciTables.putTag(h, repository, tag, staged.digest(), now);
                }
            });
            collect.forEach(registry::collectIfUnreferenced);
            return new Manifest(staged.digest(), doc.mediaType(), blobs.path(staged.digest()), bytes.length, doc.subject());
        } finally {
            blobs.discard(staged);
        }
    }

    private long nameImage(Handle h, ImageName name, String layer, String manifestDigest, List<String> collect) {
        try {
            JdbcRegistryService.NamedBlob named = registry.nameExistingBlob(h, name, layer,
                    Map.of(SifManifests.MANIFEST_METADATA, manifestDigest));
            if (named.replacedDigest() != null) {
                collect.add(named.replacedDigest());
            }
            return named.imageId();
        } catch (UnsupportedImageException e) {
            throw new OciException(OciError.MANIFEST_INVALID, "the SIF layer " + layer + " is not a SIF image: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The SIF file a manifest (or an index of one SIF manifest) carries, when it is one. */
    private Optional<String> sifLayer(Handle h, String repository, ManifestDocument doc) {
        if (doc.isSif()) {
            return Optional.of(doc.layers().get(0).digest());
        }
        if (doc.manifests().size() == 1) {
            String child = doc.manifests().get(0).digest();
            if (OciTables.manifest(h, repository, child).isPresent()) {
                try {
                    ManifestDocument inner = ManifestDocument.parse(Files.readAllBytes(blobs.path(child)), null);
                    if (inner.isSif()) {
                        return Optional.of(inner.layers().get(0).digest());
                    }
                } catch (IOException | OciException e) {
                    LOG.debug("child manifest {} unreadable: {}", child, e.toString());
                }
            }
        }
        return Optional.empty();
    }

    private void checkReferences(Handle h, String repository, ManifestDocument doc) {
        for (ManifestDocument.Descriptor d : doc.manifests()) {
            if (OciTables.manifest(h, repository, d.digest()).isEmpty()) {
                throw new OciException(OciError.MANIFEST_BLOB_UNKNOWN, "the index names manifest " + d.digest()
                        + ", which is not in " + repository + ": push it first");
            }
        }
        List<ManifestDocument.Descriptor> blobsNeeded = new ArrayList<>(doc.layers());
        if (doc.config() != null) {
            blobsNeeded.add(0, doc.config());
        }
        for (ManifestDocument.Descriptor d : blobsNeeded) {
            if (!visible(h, repository, d.digest()) || !registry.lockStoredBlob(h, d.digest())) {
                throw new OciException(OciError.MANIFEST_BLOB_UNKNOWN, "blob " + d.digest() + " is not in "
                        + repository + ": upload it before the manifest");
            }
        }
    }

    /**
     * The manifest {@code reference} (tag or digest) names in {@code repository}. For a registry
     * image with no manifest yet, one is made now and kept.
     */
    public Optional<Manifest> manifest(String repository, String reference) throws IOException {
        Optional<String> digest;
        if (OciNames.looksLikeDigest(reference)) {
            digest = Optional.of(OciNames.digest(reference));
        } else {
            String tag = OciNames.tag(reference);
            Optional<ImageName> image = imageName(repository, tag);
            Optional<OciTables.ImageRef> row = image.flatMap(n -> jdbi.withHandle(h -> OciTables.image(h, n.collection(), n.name(), n.tag())));
            if (row.isPresent()) {
                digest = Optional.of(imageManifest(repository, image.get(), row.get()));
            } else {
                digest = jdbi.withHandle(h -> OciTables.tag(h, repository, tag));
            }
        }
        if (digest.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> OciTables.manifest(h, repository, digest.get()))
                .filter(m -> blobs.exists(m.digest()))
                .map(m -> new Manifest(m.digest(), m.mediaType(), blobs.path(m.digest()), m.size(), m.subject()));
    }

    /** The manifest of a registry image: the one it has, or one made now (deterministic) and kept. */
    private String imageManifest(String repository, ImageName name, OciTables.ImageRef image) throws IOException {
        Optional<OciTables.ImageManifest> known = jdbi.withHandle(h -> OciTables.imageManifest(h, image.id()));
        if (known.isPresent()) {
            return known.get().digest();
        }
        long layerSize = Files.size(blobs.path(image.digest()));
        String arch = jdbi.withHandle(h -> OciTables.fact(h, image.digest(), "sif.arch")).filter(a -> a.matches("[a-z0-9_]+"))
                .orElse("amd64");
        byte[] config = SifManifests.configFor(arch, image.digest());
        StagedBlob stagedConfig = blobs.stage(new ByteArrayInputStream(config), MAX_MANIFEST_BYTES);
        byte[] manifest = SifManifests.manifestFor(name, image.digest(), layerSize, Instant.ofEpochMilli(image.createdAt()),
                stagedConfig.digest(), config.length);
        StagedBlob stagedManifest = blobs.stage(new ByteArrayInputStream(manifest), MAX_MANIFEST_BYTES);
        try {
            return Transactions.retrying(jdbi, (Handle h) -> {
                Optional<OciTables.ImageRef> now = OciTables.image(h, name.collection(), name.name(), name.tag());
                if (now.isEmpty() || now.get().id() != image.id() || !now.get().digest().equals(image.digest())) {
                    throw new OciException(OciError.MANIFEST_UNKNOWN, "the image changed; try again");
                }
                Optional<OciTables.ImageManifest> raced = OciTables.imageManifest(h, image.id());
                if (raced.isPresent()) {
                    return raced.get().digest();
                }
                registry.storeBlob(h, stagedConfig, Map.of());
                registry.storeBlob(h, stagedManifest, Map.of());
                if (OciTables.manifest(h, repository, stagedManifest.digest()).isEmpty()) {
                    OciTables.insertManifest(h, new OciTables.ManifestRow(repository, stagedManifest.digest(),
                            MediaTypes.OCI_MANIFEST, MediaTypes.SIF_CONFIG, null, manifest.length, clock.millis()));
                    OciTables.insertRef(h, repository, stagedManifest.digest(), stagedConfig.digest());
                    OciTables.insertRef(h, repository, stagedManifest.digest(), image.digest());
                }
                OciTables.putImageManifest(h, image.id(), stagedManifest.digest(), true, clock.millis());
                return stagedManifest.digest();
            });
        } finally {
            blobs.discard(stagedConfig);
            blobs.discard(stagedManifest);
        }
    }

    /**
     * Deletes a manifest by digest (with every tag and image naming it) or a tag. False when there
     * was nothing to delete.
     */
    public boolean deleteManifest(String repository, String reference) {
        List<String> collect = new ArrayList<>();
        boolean deleted = Transactions.retrying(jdbi, (Handle h) -> {
            collect.clear();
            Optional<ImageName> namespace = imageNamespace(repository);
            if (!OciNames.looksLikeDigest(reference)) {
                String tag = OciNames.tag(reference);
                Optional<ImageName> image = imageName(repository, tag);
                if (image.isPresent()) {
                    Optional<String> removed = registry.removeName(h, image.get());
                    if (removed.isPresent()) {
                        collect.add(removed.get());
                        return true;
                    }
                }
                return OciTables.deleteTag(h, repository, tag);
            }
            String digest = OciNames.digest(reference);
            if (OciTables.manifest(h, repository, digest).isEmpty()) {
                return false;
            }
            List<String> indexes = OciTables.manifestsReferring(h, repository, digest);
            if (!indexes.isEmpty()) {
                throw new OciException(OciError.DENIED, 409, "manifest " + digest + " is part of index "
                        + indexes.get(0) + " in " + repository + ": delete the index (or its tag) first");
            }
            if (namespace.isPresent()) {
                for (Long id : OciTables.imagesWithManifest(h, namespace.get().collection(), namespace.get().name(), digest)) {
                    registry.removeImage(h, id).ifPresent(collect::add);
                }
            }
            List<String> refs = OciTables.refs(h, repository, digest);
            OciTables.deleteManifest(h, repository, digest);
            collect.add(digest);
            collect.addAll(refs);
            return true;
        });
        collect.forEach(registry::collectIfUnreferenced);
        return deleted;
    }

    // ---- lists

    /** Tags of {@code repository} after {@code last}, lexical, at most {@code limit}. */
    public List<String> tags(String repository, String last, int limit) {
        Optional<ImageName> ns = imageNamespace(repository);
        return jdbi.withHandle(h -> OciTables.tags(h, repository, ns.map(ImageName::collection).orElse(""),
                ns.map(ImageName::name).orElse(""), last, limit));
    }

    /** True when the repository has anything in it. */
    public boolean repositoryExists(String repository) {
        Optional<ImageName> ns = imageNamespace(repository);
        return jdbi.withHandle(h -> OciTables.repositoryExists(h, repository, ns.map(ImageName::collection).orElse(""),
                ns.map(ImageName::name).orElse("")));
    }

    /** Repository names after {@code last}, lexical, at most {@code limit}. */
    public List<String> repositories(String last, int limit) {
        return jdbi.withHandle(h -> OciTables.repositories(h, last, limit));
    }

    /** A manifest whose subject is the asked digest. */
    public record Referrer(String digest, String mediaType, String artifactType, long size, Path file) {
    }

    /** Manifests in {@code repository} whose subject is {@code digest}. */
    public List<Referrer> referrers(String repository, String digest) {
        return jdbi.withHandle(h -> OciTables.referrers(h, repository, digest)).stream()
                .map(m -> new Referrer(m.digest(), m.mediaType(), m.artifactType(), m.size(), blobs.path(m.digest())))
                .toList();
    }

    // ---- names

    /** {@code collection/name} when the repository can hold registry images (two parts, registry grammar). */
    static Optional<ImageName> imageNamespace(String repository) {
        int slash = repository.indexOf('/');
        if (slash < 0 || repository.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImageName.parse(repository + ":latest"));
        } catch (InvalidImageNameException e) {
            return Optional.empty();
        }
    }

    /** The registry image {@code repository:tag} names, when the tag fits the registry's grammar. */
    static Optional<ImageName> imageName(String repository, String tag) {
        if (LIBRARY_DIGEST_TAG.matcher(tag).matches()) {
            return Optional.empty();
        }
        return imageNamespace(repository).flatMap(ns -> {
            try {
                return Optional.of(ImageName.parse(repository + ":" + tag));
            } catch (InvalidImageNameException e) {
                return Optional.empty();
            }
        });
    }
}
