-- AddRequest.onceKey: committed in the same transaction as the image row, so an add
-- that is killed at any point and re-run adds the image exactly once.
CREATE TABLE once_keys (
    once_key    VARCHAR(500) NOT NULL PRIMARY KEY,
    collection  VARCHAR(128) NOT NULL,
    name        VARCHAR(128) NOT NULL,
    tag         VARCHAR(128) NOT NULL,
    digest      VARCHAR(71)  NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    created_at  BIGINT       NOT NULL
);
