-- The OCI distribution API (/v2/). Portable SQL (SQLite and PostgreSQL); times are epoch ms.
-- Every blob, manifest bytes included, lives once in the content-addressed store (table blobs).
-- A blob is kept while anything below (or an image) refers to it; see BlobReferences.

-- A blob made visible in one repository (uploaded or mounted there). Blobs are served per
-- repository only through these links, so a digest known from elsewhere reveals nothing.
-- Links that no manifest uses are removed by garbage collection after a grace period.
CREATE TABLE oci_links (
    repository  VARCHAR(255) NOT NULL,
    digest      VARCHAR(71)  NOT NULL REFERENCES blobs (digest),
    created_at  BIGINT       NOT NULL,
    PRIMARY KEY (repository, digest)
);
CREATE INDEX oci_links_digest ON oci_links (digest);

-- A manifest or index stored in a repository; its exact bytes are the blob with that digest.
CREATE TABLE oci_manifests (
    repository     VARCHAR(255) NOT NULL,
    digest         VARCHAR(71)  NOT NULL REFERENCES blobs (digest),
    media_type     VARCHAR(255) NOT NULL,
    artifact_type  VARCHAR(255),
    subject        VARCHAR(71),
    size_bytes     BIGINT       NOT NULL,
    created_at     BIGINT       NOT NULL,
    PRIMARY KEY (repository, digest)
);
CREATE INDEX oci_manifests_subject ON oci_manifests (repository, subject);
CREATE INDEX oci_manifests_digest ON oci_manifests (digest);

-- What a manifest refers to: its config and layers (blobs), or an index's manifests.
CREATE TABLE oci_manifest_refs (
    repository       VARCHAR(255) NOT NULL,
    manifest_digest  VARCHAR(71)  NOT NULL,
    ref_digest       VARCHAR(71)  NOT NULL,
    PRIMARY KEY (repository, manifest_digest, ref_digest)
);
CREATE INDEX oci_manifest_refs_ref ON oci_manifest_refs (ref_digest);

-- Tags of manifests that are not registry images (container images, other artifacts, indexes
-- of other content). A SIF image's tag is its row in images (see oci_image_manifests).
CREATE TABLE oci_tags (
    repository  VARCHAR(255) NOT NULL,
    tag         VARCHAR(128) NOT NULL,
    digest      VARCHAR(71)  NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (repository, tag)
);
CREATE INDEX oci_tags_digest ON oci_tags (repository, digest);

-- The manifest served for a registry image collection/name:tag: the one pushed with it over
-- /v2/, or one made once for an image that arrived another way (generated = 1).
CREATE TABLE oci_image_manifests (
    image_id    BIGINT      NOT NULL PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    digest      VARCHAR(71) NOT NULL,
    generated   INTEGER     NOT NULL,
    created_at  BIGINT      NOT NULL
);

-- Upload sessions; the bytes so far are the file images/uploads/<id>.
CREATE TABLE oci_uploads (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    repository  VARCHAR(255) NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
);
