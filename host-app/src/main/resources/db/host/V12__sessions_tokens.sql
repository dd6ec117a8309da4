-- Browser sessions, stored so that they survive a restart and can be ended by an administrator.
-- Only the SHA-256 of the cookie value is kept.
CREATE TABLE sessions (
    id_hash        VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id        VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token     VARCHAR(64)  NOT NULL,
    method         VARCHAR(16)  NOT NULL,
    credential_gen BIGINT       NOT NULL,
    address        VARCHAR(64),
    created_at     BIGINT       NOT NULL,
    last_seen_at   BIGINT       NOT NULL,
    expires_at     BIGINT       NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- API tokens of each user (SHA-256 of the token; the token is shown once).
CREATE TABLE api_tokens (
    id           VARCHAR(36) NOT NULL PRIMARY KEY,
    user_id      VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         VARCHAR(64) NOT NULL,
    token_hash   VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    last_used_at BIGINT
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
CREATE UNIQUE INDEX api_tokens_user_name ON api_tokens (user_id, name);

-- OpenID Connect sign-ins started and not finished yet (deleted on first use: a replayed callback fails).
CREATE TABLE oidc_pending (
    state_hash    VARCHAR(64)   NOT NULL PRIMARY KEY,
    browser_hash  VARCHAR(64)   NOT NULL,
    nonce         VARCHAR(64)   NOT NULL,
    code_verifier VARCHAR(128),
    next_path     VARCHAR(2000),
    created_at    BIGINT        NOT NULL
);
