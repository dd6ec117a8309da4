package org.sregistry.registry.oci;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The SQL of the OCI tables (see V4__oci.sql), one statement per method. */
final class OciTables {
    private static final RowMapper<ManifestRow> MANIFEST = (rs, ctx) -> new ManifestRow(rs.getString("repository"),
            rs.getString("digest"), rs.getString("media_type"), rs.getString("artifact_type"),
            rs.getString("subject"), rs.getLong("size_bytes"), rs.getLong("created_at"));
    private static final String MANIFEST_COLUMNS =
            "repository, digest, media_type, artifact_type, subject, size_bytes, created_at";

    private OciTables() {
    }

    /** One stored manifest. */
    record ManifestRow(String repository, String digest, String mediaType, String artifactType, String subject,
                       long size, long createdAt) {
    }

    static boolean linked(Handle h, String repository, String digest) {
        return h.createQuery("SELECT COUNT(*) FROM oci_links WHERE repository = :r AND digest = :d")
                .bind("r", repository).bind("d", digest).mapTo(Long.class).one() > 0;
    }

    /** Links a blob to a repository; linking it again restarts its grace period (garbage collection). */
    static void link(Handle h, String repository, String digest, long now) {
        int refreshed = h.createUpdate("UPDATE oci_links SET created_at = :t WHERE repository = :r AND digest = :d")
                .bind("r", repository).bind("d", digest).bind("t", now).execute();
        if (refreshed == 0) {
            h.createUpdate("INSERT INTO oci_links (repository, digest, created_at) VALUES (:r, :d, :t)")
                    .bind("r", repository).bind("d", digest).bind("t", now).execute();
        }
    }

    static boolean unlink(Handle h, String repository, String digest) {
        return h.createUpdate("DELETE FROM oci_links WHERE repository = :r AND digest = :d")
                .bind("r", repository).bind("d", digest).execute() > 0;
    }

    static Optional<ManifestRow> manifest(Handle h, String repository, String digest) {
        return h.createQuery("SELECT " + MANIFEST_COLUMNS + " FROM oci_manifests WHERE repository = :r AND digest = :d")
                .bind("r", repository).bind("d", digest).map(MANIFEST).findOne();
    }

    static void insertManifest(Handle h, ManifestRow m) {
        h.createUpdate("INSERT INTO oci_manifests (" + MANIFEST_COLUMNS + ") VALUES (:r, :d, :t, :a, :s, :z, :c)")
                .bind("r", m.repository()).bind("d", m.digest()).bind("t", m.mediaType())
                .bind("a", m.artifactType()).bind("s", m.subject()).bind("z", m.size()).bind("c", m.createdAt())
                .execute();
    }

    static void insertRef(Handle h, String repository, String manifest, String ref) {
        h.createUpdate("INSERT INTO oci_manifest_refs (repository, manifest_digest, ref_digest) VALUES (:r, :m, :d)")
                .bind("r", repository).bind("m", manifest).bind("d", ref).execute();
    }

    /** Manifests (indexes) of the repository that name {@code digest}. */
    static List<String> manifestsReferring(Handle h, String repository, String digest) {
        return h.createQuery("SELECT r.manifest_digest FROM oci_manifest_refs r JOIN oci_manifests m"
                        + " ON m.repository = r.repository AND m.digest = r.manifest_digest"
                        + " WHERE r.repository = :r AND r.ref_digest = :d")
                .bind("r", repository).bind("d", digest).mapTo(String.class).list();
    }

    static List<String> refs(Handle h, String repository, String manifest) {
        return h.createQuery("SELECT ref_digest FROM oci_manifest_refs WHERE repository = :r AND manifest_digest = :m")
                .bind("r", repository).bind("m", manifest).mapTo(String.class).list();
    }

    /** Deletes a manifest with its references and tags; true when it existed. */
    static boolean deleteManifest(Handle h, String repository, String digest) {
        h.createUpdate("DELETE FROM oci_manifest_refs WHERE repository = :r AND manifest_digest = :d")
                .bind("r", repository).bind("d", digest).execute();
        h.createUpdate("DELETE FROM oci_tags WHERE repository = :r AND digest = :d")
                .bind("r", repository).bind("d", digest).execute();
        return h.createUpdate("DELETE FROM oci_manifests WHERE repository = :r AND digest = :d")
                .bind("r", repository).bind("d", digest).execute() > 0;
    }

    static Optional<String> tag(Handle h, String repository, String tag) {
        return h.createQuery("SELECT digest FROM oci_tags WHERE repository = :r AND tag = :t")
                .bind("r", repository).bind("t", tag).mapTo(String.class).findOne();
    }

    static void putTag(Handle h, String repository, String tag, String digest, long now) {
        deleteTag(h, repository, tag);
        h.createUpdate("INSERT INTO oci_tags (repository, tag, digest, updated_at) VALUES (:r, :t, :d, :n)")
                .bind("r", repository).bind("t", tag).bind("d", digest).bind("n", now).execute();
    }

    static boolean deleteTag(Handle h, String repository, String tag) {
        return h.createUpdate("DELETE FROM oci_tags WHERE repository = :r AND tag = :t")
                .bind("r", repository).bind("t", tag).execute() > 0;
    }

    /**
     * Tags of a repository after {@code last} (exclusive), in lexical order, at most {@code limit}:
     * its OCI tags and, for a {@code collection/name} repository, the tags of its registry images.
     */
    static List<String> tags(Handle h, String repository, String collection, String name, String last, int limit) {
        return h.createQuery("SELECT tag FROM (SELECT tag FROM oci_tags WHERE repository = :r"
                        + " UNION SELECT tag FROM images WHERE collection = :c AND name = :n) t"
                        + " WHERE tag > :last ORDER BY tag LIMIT :limit")
                .bind("r", repository).bind("c", collection).bind("n", name).bind("last", last == null ? "" : last)
                .bind("limit", limit).mapTo(String.class).list();
    }

    /** Repository names after {@code last} (exclusive), lexical, at most {@code limit}. */
    static List<String> repositories(Handle h, String last, int limit) {
        return h.createQuery("SELECT repository FROM (SELECT repository FROM oci_manifests"
                        + " UNION SELECT collection || '/' || name AS repository FROM images) t"
                        + " WHERE repository > :last ORDER BY repository LIMIT :limit")
                .bind("last", last == null ? "" : last).bind("limit", limit).mapTo(String.class).list();
    }

    static boolean repositoryExists(Handle h, String repository, String collection, String name) {
        return h.createQuery("SELECT (SELECT COUNT(*) FROM oci_manifests WHERE repository = :r)"
                        + " + (SELECT COUNT(*) FROM oci_links WHERE repository = :r)"
                        + " + (SELECT COUNT(*) FROM images WHERE collection = :c AND name = :n)")
                .bind("r", repository).bind("c", collection).bind("n", name).mapTo(Long.class).one() > 0;
    }

    static List<ManifestRow> referrers(Handle h, String repository, String subject) {
        return h.createQuery("SELECT " + MANIFEST_COLUMNS + " FROM oci_manifests WHERE repository = :r AND subject = :s"
                        + " ORDER BY created_at, digest")
                .bind("r", repository).bind("s", subject).map(MANIFEST).list();
    }

    // uploads

    static void insertUpload(Handle h, String id, String repository, long now) {
        h.createUpdate("INSERT INTO oci_uploads (id, repository, created_at, updated_at) VALUES (:i, :r, :n, :n)")
                .bind("i", id).bind("r", repository).bind("n", now).execute();
    }

    static boolean uploadExists(Handle h, String id, String repository) {
        return h.createQuery("SELECT COUNT(*) FROM oci_uploads WHERE id = :i AND repository = :r")
                .bind("i", id).bind("r", repository).mapTo(Long.class).one() > 0;
    }

    static void touchUpload(Handle h, String id, long now) {
        h.createUpdate("UPDATE oci_uploads SET updated_at = :n WHERE id = :i").bind("i", id).bind("n", now).execute();
    }

    static List<String> uploadIds(Handle h) {
        return h.createQuery("SELECT id FROM oci_uploads").mapTo(String.class).list();
    }

    static boolean deleteUpload(Handle h, String id) {
        return h.createUpdate("DELETE FROM oci_uploads WHERE id = :i").bind("i", id).execute() > 0;
    }

    // the manifests of registry images

    record ImageManifest(long imageId, String digest, boolean generated) {
    }

    static Optional<ImageManifest> imageManifest(Handle h, long imageId) {
        return h.createQuery("SELECT image_id, digest, generated FROM oci_image_manifests WHERE image_id = :i")
                .bind("i", imageId)
                .map((rs, ctx) -> new ImageManifest(rs.getLong(1), rs.getString(2), rs.getInt(3) != 0)).findOne();
    }

    static void putImageManifest(Handle h, long imageId, String digest, boolean generated, long now) {
        h.createUpdate("DELETE FROM oci_image_manifests WHERE image_id = :i").bind("i", imageId).execute();
        h.createUpdate("INSERT INTO oci_image_manifests (image_id, digest, generated, created_at) VALUES (:i, :d, :g, :n)")
                .bind("i", imageId).bind("d", digest).bind("g", generated ? 1 : 0).bind("n", now).execute();
    }

    static void deleteImageManifest(Handle h, long imageId) {
        h.createUpdate("DELETE FROM oci_image_manifests WHERE image_id = :i").bind("i", imageId).execute();
    }

    /** Ids of the images of {@code collection/name} whose manifest is {@code digest}. */
    static List<Long> imagesWithManifest(Handle h, String collection, String name, String digest) {
        return h.createQuery("SELECT i.id FROM images i JOIN oci_image_manifests m ON m.image_id = i.id"
                        + " WHERE i.collection = :c AND i.name = :n AND m.digest = :d")
                .bind("c", collection).bind("n", name).bind("d", digest).mapTo(Long.class).list();
    }

    /** Image row (id, digest) of collection/name:tag. */
    record ImageRef(long id, String digest, long createdAt) {
    }

    static Optional<ImageRef> image(Handle h, String collection, String name, String tag) {
        return h.createQuery("SELECT id, digest, created_at FROM images WHERE collection = :c AND name = :n AND tag = :t")
                .bind("c", collection).bind("n", name).bind("t", tag)
                .map((rs, ctx) -> new ImageRef(rs.getLong(1), rs.getString(2), rs.getLong(3))).findOne();
    }

    static Optional<String> fact(Handle h, String digest, String key) {
        return h.createQuery("SELECT fact_value FROM blob_facts WHERE digest = :d AND fact_key = :k")
                .bind("d", digest).bind("k", key).mapTo(String.class).findOne();
    }
}
