-- The audit log: who did what, when, from where (#14 item 5). Written by org.sregistry.host.audit.Audit,
-- read newest first (at, id), pruned by the task host/audit-retention (REGISTRY_AUDIT_DAYS).
CREATE TABLE audit_events (
    id       VARCHAR(36)   NOT NULL PRIMARY KEY,
    at       BIGINT        NOT NULL,
    actor    VARCHAR(64),
    actor_id VARCHAR(36),
    address  VARCHAR(64),
    action   VARCHAR(64)   NOT NULL,
    target   VARCHAR(500),
    outcome  VARCHAR(8)    NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
    details  VARCHAR(4000)
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_actor_at ON audit_events (actor, at);
CREATE INDEX audit_events_action_at ON audit_events (action, at);
