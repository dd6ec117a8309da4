package org.sregistry.host.auth;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Properties;
import java.util.UUID;
import org.sregistry.host.users.Role;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a 0.1.0 data dir's accounts into the database, once: {@code auth/admin.properties} becomes
 * the administrator {@code admin} with the same password hash, and each line of
 * {@code auth/api-tokens.properties} an API token of that user with the same hash, so the password
 * and every script's token keep working. One transaction; the files are then renamed to
 * {@code *.imported} (not deleted: an older version can be put back). Nothing happens when the
 * database has accounts already or there is no such file.
 */
public final class LegacyAuthImport {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyAuthImport.class);

    private LegacyAuthImport() {
    }

    /** Imports when there is something to import; answers true when it did. */
    public static boolean run(Path dataDir, Database database, UserStore users, Clock clock) {
        Path adminFile = dataDir.resolve("auth").resolve("admin.properties");
        Path tokensFile = dataDir.resolve("auth").resolve("api-tokens.properties");
        if (!Files.exists(adminFile) || users.count() > 0) {
            return false;
        }
        Properties admin = read(adminFile);
        Properties tokens = Files.exists(tokensFile) ? read(tokensFile) : new Properties();
        String hash = admin.getProperty("password_hash");
        if (hash == null) {
            throw new IllegalStateException(adminFile + " has no password_hash: restore it, or remove it to start with a"
                    + " new generated password");
        }
        String adminId = UUID.randomUUID().toString();
        long now = clock.millis();
        database.jdbi().useTransaction(h -> {
            UserStore.insert(h, adminId, new UserStore.NewUser(PasswordAccounts.FIRST_ADMIN, "Administrator", null,
                    Role.ADMIN, hash, null), now);
            for (String name : tokens.stringPropertyNames()) {
                ApiTokens.insert(h, adminId, name, tokens.getProperty(name), now);
            }
        });
        moveAside(adminFile);
        if (Files.exists(tokensFile)) {
            moveAside(tokensFile);
        }
        LOG.info("Imported the 0.1.0 admin account and {} API token(s) into the database", tokens.size());
        return true;
    }

    private static Properties read(Path file) {
        try {
            Properties props = new Properties();
            props.load(new StringReader(Files.readString(file)));
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void moveAside(Path file) {
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".imported"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // imported already: a later start sees accounts in the database and leaves the file alone
            LOG.warn("Could not rename {} after importing it: {}", file, e.toString());
        }
    }
}
