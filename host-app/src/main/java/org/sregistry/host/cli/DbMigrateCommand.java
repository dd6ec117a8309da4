package org.sregistry.host.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sregistry.host.HostOptions;
import org.sregistry.host.Main;
import org.sregistry.host.RegistryServer;
import org.sregistry.host.ServerOptions;
import org.sregistry.host.config.LayeredConfig;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.db.LegacyH2Import;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code registry db migrate}: brings the database up to this version's schema now, instead of at
 * the next start, and says what it did: a 0.1.0 H2 database imported into SQLite (rows per table,
 * where the old files were kept) and the schema version. Safe next to a running server.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Migrate the database now (a 0.1.0 H2 data dir to SQLite; schema upgrades) and print what was done.")
public final class DbMigrateCommand implements Callable<Integer> {
    @ParentCommand
    DbCommand db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Main main = (Main) spec.parent().parent().userObject();
        ServerOptions options = ServeCommand.optionsFor(main.commonOptions());
        LayeredConfig config = RegistryServer.configFor(options);
        Optional<String> url = config.find(HostOptions.DATABASE_URL).filter(u -> !u.isBlank());
        if (!java.nio.file.Files.isDirectory(options.dataDir())) {
            // a mistyped --data-dir must not look like a successful migration of a new, empty database
            err.println("registry db migrate: no data dir at " + options.dataDir().toAbsolutePath()
                    + " (check --data-dir; the server creates it at its first start)");
            return 1;
        }
        try {
            if (url.isEmpty()) {
                Optional<LegacyH2Import.Report> report = LegacyH2Import.runIfNeeded(options.dataDir());
                if (report.isPresent() && !report.get().rows().isEmpty()) {
                    out.println("imported the 0.1.0 H2 database " + report.get().source() + ": " + report.get().summary());
                    out.println("old files kept in " + report.get().keptIn());
                } else if (report.isPresent()) {
                    out.println("moved the old H2 files (imported before) to " + report.get().keptIn());
                } else {
                    out.println("no 0.1.0 H2 database to import");
                }
            } else if (LegacyH2Import.pending(options.dataDir())) {
                out.println("note: " + options.dataDir().resolve("db") + " holds a 0.1.0 H2 database; it is imported"
                        + " only into the embedded default, not into " + HostOptions.DATABASE_URL);
            }
            try (Database database = RegistryServer.openDatabase(options, config)) {
                out.println("database " + database.url() + ": schema version " + database.schemaVersion());
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("registry db migrate: " + e.getMessage());
            return 1;
        }
    }
}
