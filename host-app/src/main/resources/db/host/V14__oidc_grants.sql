-- Tokens an OpenID Connect sign-in received for other resource servers (Globus: other_tokens, e.g.
-- transfer.api.globus.org; never the sign-in's own auth.globus.org token), kept for a plugin to take once
-- (org.sregistry.host.auth.oidc.OidcGrants). One row per user and resource server, replaced at the user's next
-- sign-in; untaken rows are revoked and deleted after 30 days by host/session-sweep.
CREATE TABLE oidc_grants (
    user_id         VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_server VARCHAR(200)  NOT NULL,
    -- the provider and the identity the tokens belong to (the id_token's iss and sub)
    issuer          VARCHAR(300)  NOT NULL,
    subject         VARCHAR(300)  NOT NULL,
    -- the access and refresh token as JSON, sealed by the host keyring (s1.<key>.<nonce>.<data>); never plain
    sealed          VARCHAR(8000) NOT NULL,
    scope           VARCHAR(2000) NOT NULL DEFAULT '',
    -- when the access token expires; null: the provider did not say
    expires_at      BIGINT,
    created_at      BIGINT        NOT NULL,
    PRIMARY KEY (user_id, resource_server)
);
CREATE INDEX oidc_grants_created ON oidc_grants (created_at);
