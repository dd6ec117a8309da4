-- Accounts of the host (history table host_schema_history, apart from the registry core's).
-- Portable SQL for SQLite and PostgreSQL: ids are UUID strings made in Java, flags SMALLINT 0/1,
-- times epoch milliseconds.
CREATE TABLE users (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    username        VARCHAR(64)  NOT NULL,
    display_name    VARCHAR(200) NOT NULL DEFAULT '',
    email           VARCHAR(320),
    role            VARCHAR(8)   NOT NULL CHECK (role IN ('admin', 'user')),
    enabled         SMALLINT     NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    -- null: the account signs in elsewhere only (OpenID Connect, LDAP)
    password_hash   VARCHAR(200),
    -- counts up on a password change or a disable: sessions and tokens of an older value are void
    credential_gen  BIGINT       NOT NULL DEFAULT 1,
    -- an administrator's hint: the OpenID Connect preferred_username to bind on first sign-in
    oidc_username   VARCHAR(200),
    created_at      BIGINT       NOT NULL,
    last_sign_in_at BIGINT
);
CREATE UNIQUE INDEX users_username ON users (username);

-- External accounts bound to a user: an OpenID Connect (issuer, sub), or ('ldap:<url>', DN).
CREATE TABLE user_identities (
    provider     VARCHAR(300) NOT NULL,
    subject      VARCHAR(300) NOT NULL,
    user_id      VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    username     VARCHAR(300),
    created_at   BIGINT       NOT NULL,
    last_seen_at BIGINT,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

-- Named sets of users; source 'ldap' or 'oidc' teams are replaced at each sign-in.
CREATE TABLE teams (
    id         VARCHAR(36) NOT NULL PRIMARY KEY,
    name       VARCHAR(64) NOT NULL,
    source     VARCHAR(16) NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'ldap', 'oidc')),
    created_at BIGINT      NOT NULL
);
CREATE UNIQUE INDEX teams_name ON teams (name);
CREATE TABLE team_members (
    team_id VARCHAR(36) NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);
