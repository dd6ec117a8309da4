package org.sregistry.registry.images;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.ImageName;
import org.sregistry.api.ImageQuery;

/** The SQL of the images, blobs and their key/value tables, one statement per method. */
final class ImageTable {
    private static final String COLUMNS = "id, collection, name, tag, digest, size_bytes, created_at, updated_at";
    private static final RowMapper<ImageRow> ROW = (rs, ctx) -> new ImageRow(rs.getLong("id"),
            rs.getString("collection"), rs.getString("name"), rs.getString("tag"), rs.getString("digest"),
            rs.getLong("size_bytes"), rs.getLong("created_at"), rs.getLong("updated_at"));

    private ImageTable() {
    }

    /** Locks the blob row; false when there is none (not committed by anyone). */
    static boolean lockBlob(Handle h, String digest) {
        return h.createQuery("SELECT digest FROM blobs WHERE digest = :d<forUpdate>")
                .bind("d", digest).mapTo(String.class).findOne().isPresent();
    }

    static void insertBlob(Handle h, String digest, long size, long now, Map<String, String> facts) {
        h.createUpdate("INSERT INTO blobs (digest, size_bytes, created_at) VALUES (:d, :s, :t)")
                .bind("d", digest).bind("s", size).bind("t", now).execute();
        for (Map.Entry<String, String> fact : facts.entrySet()) {
            h.createUpdate("INSERT INTO blob_facts (digest, fact_key, fact_value) VALUES (:d, :k, :v)")
                    .bind("d", digest).bind("k", fact.getKey()).bind("v", fact.getValue()).execute();
        }
    }

    static boolean hasFacts(Handle h, String digest) {
        return h.createQuery("SELECT COUNT(*) FROM blob_facts WHERE digest = :d").bind("d", digest)
                .mapTo(Long.class).one() > 0;
    }

    static void insertFacts(Handle h, String digest, Map<String, String> facts) {
        for (Map.Entry<String, String> fact : facts.entrySet()) {
            h.createUpdate("INSERT INTO blob_facts (digest, fact_key, fact_value) VALUES (:d, :k, :v)")
                    .bind("d", digest).bind("k", fact.getKey()).bind("v", fact.getValue()).execute();
        }
    }

    static void deleteBlob(Handle h, String digest) {
        h.createUpdate("DELETE FROM blob_facts WHERE digest = :d").bind("d", digest).execute();
        h.createUpdate("DELETE FROM blobs WHERE digest = :d").bind("d", digest).execute();
    }

    /**
     * What keeps a blob: an image naming it, or on the OCI side a repository link (an upload or
     * mount, until garbage collection drops the unused ones), a manifest whose bytes it is, or a
     * manifest that refers to it.
     */
    private static final String REFERENCED = "EXISTS (SELECT 1 FROM images i WHERE i.digest = b.digest)"
            + " OR EXISTS (SELECT 1 FROM oci_links l WHERE l.digest = b.digest)"
            + " OR EXISTS (SELECT 1 FROM oci_manifests m WHERE m.digest = b.digest)"
            + " OR EXISTS (SELECT 1 FROM oci_manifest_refs r WHERE r.ref_digest = b.digest)";

    static boolean isReferenced(Handle h, String digest) {
        return h.createQuery("SELECT COUNT(*) FROM blobs b WHERE b.digest = :d AND (" + REFERENCED + ")")
                .bind("d", digest).mapTo(Long.class).one() > 0;
    }

    static List<String> unreferencedBlobs(Handle h) {
        return h.createQuery("SELECT b.digest FROM blobs b WHERE NOT (" + REFERENCED + ")")
                .mapTo(String.class).list();
    }

    static boolean blobRowExists(Handle h, String digest) {
        return h.createQuery("SELECT COUNT(*) FROM blobs WHERE digest = :d").bind("d", digest)
                .mapTo(Long.class).one() > 0;
    }

    /** The row for exactly {@code collection/name:tag}, locked for update. */
    static Optional<ImageRow> lockByName(Handle h, ImageName n) {
        return h.createQuery("SELECT " + COLUMNS + " FROM images WHERE collection = :c AND name = :n AND tag = :t<forUpdate>")
                .bind("c", n.collection()).bind("n", n.name()).bind("t", n.tag()).map(ROW).findOne();
    }

    static Optional<ImageRow> lockById(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM images WHERE id = :id<forUpdate>")
                .bind("id", id).map(ROW).findOne();
    }

    static long insertImage(Handle h, ImageName n, String digest, long size, long now) {
        return h.createUpdate("INSERT INTO images (collection, name, tag, digest, size_bytes, created_at, updated_at) "
                        + "VALUES (:c, :n, :t, :d, :s, :now, :now)")
                .bind("c", n.collection()).bind("n", n.name()).bind("t", n.tag()).bind("d", digest)
                .bind("s", size).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    static void repoint(Handle h, long id, String digest, long size, long now) {
        h.createUpdate("UPDATE images SET digest = :d, size_bytes = :s, updated_at = :now WHERE id = :id")
                .bind("d", digest).bind("s", size).bind("now", now).bind("id", id).execute();
    }

    static void replaceMetadata(Handle h, long id, Map<String, String> metadata) {
        h.createUpdate("DELETE FROM image_metadata WHERE image_id = :id").bind("id", id).execute();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            h.createUpdate("INSERT INTO image_metadata (image_id, meta_key, meta_value) VALUES (:id, :k, :v)")
                    .bind("id", id).bind("k", e.getKey()).bind("v", e.getValue()).execute();
        }
    }

    static boolean deleteImage(Handle h, long id) {
        return h.createUpdate("DELETE FROM images WHERE id = :id").bind("id", id).execute() == 1;
    }

    /**
     * The most recently updated row matching the non-null criteria.
     */
    static Optional<ImageRow> findBest(Handle h, String collection, String name, String tag, String digest) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM images WHERE name = :n");
        if (collection != null) {
            sql.append(" AND collection = :c");
        }
        if (tag != null) {
            sql.append(" AND tag = :t");
        }
        if (digest != null) {
            sql.append(" AND digest = :d");
        }
        sql.append(" ORDER BY updated_at DESC, id DESC LIMIT 1");
        Query q = h.createQuery(sql.toString()).bind("n", name);
        if (collection != null) {
            q.bind("c", collection);
        }
        if (tag != null) {
            q.bind("t", tag);
        }
        if (digest != null) {
            q.bind("d", digest);
        }
        return q.map(ROW).findOne();
    }

    static long count(Handle h, String text, java.util.Collection<String> onlyCollections) {
        return bind(h.createQuery("SELECT COUNT(*) FROM images" + where(text, onlyCollections)), text, onlyCollections)
                .mapTo(Long.class).one();
    }

    static List<ImageRow> page(Handle h, ImageQuery query, java.util.Collection<String> onlyCollections) {
        Query q = h.createQuery("SELECT " + COLUMNS + " FROM images" + where(query.text(), onlyCollections)
                + " ORDER BY " + orderBy(query.sort()) + " LIMIT :limit OFFSET :offset");
        return bind(q, query.text(), onlyCollections).bind("limit", query.limit()).bind("offset", query.offset())
                .map(ROW).list();
    }

    private static Query bind(Query q, String text, java.util.Collection<String> onlyCollections) {
        if (!text.isEmpty()) {
            q.bind("p", pattern(text));
        }
        if (onlyCollections != null) {
            q.bindList("collections", List.copyOf(onlyCollections));
        }
        return q;
    }

    private static String where(String text, java.util.Collection<String> onlyCollections) {
        List<String> conditions = new ArrayList<>();
        if (!text.isEmpty()) {
            // '!' as escape character: a backslash would mean different things in H2 and PostgreSQL.
            conditions.add("LOWER(collection || '/' || name || ':' || tag || '@' || digest) LIKE :p ESCAPE '!'");
        }
        if (onlyCollections != null) {
            conditions.add("collection IN (<collections>)");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static String pattern(String text) {
        String escaped = text.toLowerCase(java.util.Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }

    private static String orderBy(ImageQuery.Sort sort) {
        return switch (sort) {
            case NAME -> "collection, name, tag";
            case NEWEST -> "updated_at DESC, id DESC";
            case OLDEST -> "updated_at, id";
            case SIZE -> "size_bytes DESC, id DESC";
        };
    }

    /** Turns rows into ImageInfos with their metadata and file facts (two queries for the lot). */
    static List<ImageInfo> toInfos(Handle h, List<ImageRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, String>> metadata = keyValues(h,
                "SELECT image_id, meta_key, meta_value FROM image_metadata WHERE image_id IN (<ids>)",
                "ids", rows.stream().map(ImageRow::id).distinct().toList());
        Map<String, Map<String, String>> facts = keyValues(h,
                "SELECT digest, fact_key, fact_value FROM blob_facts WHERE digest IN (<ids>)",
                "ids", rows.stream().map(ImageRow::digest).distinct().toList());
        List<ImageInfo> infos = new ArrayList<>(rows.size());
        for (ImageRow r : rows) {
            infos.add(new ImageInfo(
                    new ImageName(r.collection(), r.name(), r.tag(), r.digest()), r.size(),
                    Instant.ofEpochMilli(r.createdAt()), Instant.ofEpochMilli(r.updatedAt()),
                    Map.copyOf(facts.getOrDefault(r.digest(), Map.of())),
                    Map.copyOf(metadata.getOrDefault(r.id(), Map.of()))));
        }
        return infos;
    }

    @SuppressWarnings("unchecked")
    private static <K> Map<K, Map<String, String>> keyValues(Handle h, String sql, String listName, Collection<?> ids) {
        Map<K, Map<String, String>> out = new HashMap<>();
        h.createQuery(sql).bindList(listName, List.copyOf(ids)).map((rs, ctx) -> {
            K owner = (K) rs.getObject(1);
            if (owner instanceof Number number) {
                owner = (K) Long.valueOf(number.longValue());
            }
            out.computeIfAbsent(owner, k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
            return owner;
        }).list();
        return out;
    }
}
