-- PluginStore: durable records owned by one plugin.
-- record_value up to 1,000,000 characters: VARCHAR (not CLOB/TEXT) so that the
-- compare-and-set "UPDATE ... WHERE record_value = ?" works the same on H2 and PostgreSQL.
CREATE TABLE plugin_records (
    plugin_id    VARCHAR(100)     NOT NULL,
    kind         VARCHAR(100)     NOT NULL,
    record_key   VARCHAR(500)     NOT NULL,
    record_value VARCHAR(1000000) NOT NULL,
    created_at   BIGINT           NOT NULL,
    updated_at   BIGINT           NOT NULL,
    PRIMARY KEY (plugin_id, kind, record_key)
);
CREATE INDEX plugin_records_newest ON plugin_records (plugin_id, kind, created_at);
