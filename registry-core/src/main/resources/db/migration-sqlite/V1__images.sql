-- registry-core owns V1..V9; the host adds V10+.
-- SQLite's V1: the same tables as migration-postgresql/V1__images.sql, with SQLite's identity
-- column (INTEGER PRIMARY KEY AUTOINCREMENT: an alias of the rowid, never reused after a delete).
-- Everything after V1 is portable and lives in db/migration. Times are epoch milliseconds.

-- One row per stored blob (content-addressed file images/sha256/xx/<hex>).
CREATE TABLE blobs (
    digest      VARCHAR(71)  NOT NULL PRIMARY KEY,
    size_bytes  BIGINT       NOT NULL,
    created_at  BIGINT       NOT NULL
);

-- Facts read from the blob's bytes (e.g. SIF header fields).
CREATE TABLE blob_facts (
    digest      VARCHAR(71)   NOT NULL REFERENCES blobs (digest) ON DELETE CASCADE,
    fact_key    VARCHAR(200)  NOT NULL,
    fact_value  VARCHAR(4000) NOT NULL,
    PRIMARY KEY (digest, fact_key)
);

-- One row per name collection/name:tag, pointing at one blob.
CREATE TABLE images (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    collection  VARCHAR(128) NOT NULL,
    name        VARCHAR(128) NOT NULL,
    tag         VARCHAR(128) NOT NULL,
    digest      VARCHAR(71)  NOT NULL REFERENCES blobs (digest),
    size_bytes  BIGINT       NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL,
    CONSTRAINT images_name_unique UNIQUE (collection, name, tag)
);
CREATE INDEX images_digest ON images (digest);
CREATE INDEX images_name ON images (name);
CREATE INDEX images_updated ON images (updated_at);

-- Metadata attached when the image was added (e.g. by plugins: globus.task_id).
CREATE TABLE image_metadata (
    image_id    BIGINT        NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    meta_key    VARCHAR(200)  NOT NULL,
    meta_value  VARCHAR(4000) NOT NULL,
    PRIMARY KEY (image_id, meta_key)
);
