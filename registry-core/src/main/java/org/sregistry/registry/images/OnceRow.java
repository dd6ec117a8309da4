package org.sregistry.registry.images;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.sregistry.api.ImageName;

/** A row of {@code once_keys}: what the first add under a once-key stored. */
record OnceRow(String key, String collection, String name, String tag, String digest, long size, long createdAt) {

    static Optional<OnceRow> find(Handle h, String key) {
        return h.createQuery("SELECT once_key, collection, name, tag, digest, size_bytes, created_at "
                        + "FROM once_keys WHERE once_key = :k")
                .bind("k", key)
                .map((rs, ctx) -> new OnceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getLong(7)))
                .findOne();
    }

    /** Inserts the key; a concurrent insert of the same key fails with a duplicate-key error. */
    static void insert(Handle h, String key, ImageName n, String digest, long size, long now) {
        h.createUpdate("INSERT INTO once_keys (once_key, collection, name, tag, digest, size_bytes, created_at) "
                        + "VALUES (:k, :c, :n, :t, :d, :s, :now)")
                .bind("k", key).bind("c", n.collection()).bind("n", n.name()).bind("t", n.tag())
                .bind("d", digest).bind("s", size).bind("now", now).execute();
    }

    ImageName imageName() {
        return new ImageName(collection, name, tag, digest);
    }
}
