-- Who owns a collection (the first segment of collection/name:tag and of an OCI repository),
-- who else may pull, push or administer it, and whether every signed-in user may pull.
CREATE TABLE collections (
    name          VARCHAR(128) NOT NULL PRIMARY KEY,
    visibility    VARCHAR(8)   NOT NULL CHECK (visibility IN ('public', 'private')),
    owner_user_id VARCHAR(36)  REFERENCES users (id),
    owner_team_id VARCHAR(36)  REFERENCES teams (id),
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    CHECK ((owner_user_id IS NULL) <> (owner_team_id IS NULL))
);
CREATE INDEX collections_owner_user ON collections (owner_user_id);
CREATE INDEX collections_owner_team ON collections (owner_team_id);
CREATE TABLE collection_members (
    collection     VARCHAR(128) NOT NULL REFERENCES collections (name) ON DELETE CASCADE,
    principal_type VARCHAR(4)   NOT NULL CHECK (principal_type IN ('user', 'team')),
    principal_id   VARCHAR(36)  NOT NULL,
    permission     VARCHAR(5)   NOT NULL CHECK (permission IN ('pull', 'push', 'admin')),
    PRIMARY KEY (collection, principal_type, principal_id)
);
CREATE INDEX collection_members_principal ON collection_members (principal_type, principal_id);
