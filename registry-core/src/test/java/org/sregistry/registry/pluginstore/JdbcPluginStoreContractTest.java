package org.sregistry.registry.pluginstore;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.PluginStore;
import org.sregistry.registry.TestDatabases;
import org.sregistry.registry.db.Database;
import org.sregistry.testkit.PluginStoreContract;

/** The database store passes the conformance test that the plugins' FakePluginStore passes, on SQLite and PostgreSQL. */
class JdbcPluginStoreContractTest extends PluginStoreContract {
    @TempDir
    Path dataDir;
    private Database db;

    @Override
    protected PluginStore newStore(Clock clock) {
        db = TestDatabases.open(dataDir);
        return new JdbcPluginStore(db, "contract", clock);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }
}
