package org.sregistry.host.auth;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrator account. On first start a random password is generated, written to
 * {@code <data-dir>/initial-admin-password} (mode 0600) and only its hash is kept in
 * {@code <data-dir>/auth/admin.properties}.
 */
public final class AdminAccount {
    /** The administrator's user name. */
    public static final String USERNAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccount.class);

    private final Path accountFile;
    private final Path initialPasswordFile;
    private volatile String passwordHash;

    private AdminAccount(Path accountFile, Path initialPasswordFile, String passwordHash) {
        this.accountFile = accountFile;
        this.initialPasswordFile = initialPasswordFile;
        this.passwordHash = passwordHash;
    }

    /** Loads the account, creating it (and the initial password file) on first start. */
    public static AdminAccount open(Path dataDir) {
        Path accountFile = dataDir.resolve("auth").resolve("admin.properties");
        Path initial = dataDir.resolve("initial-admin-password");
        try {
            if (Files.exists(accountFile)) {
                Properties props = new Properties();
                props.load(new StringReader(Files.readString(accountFile)));
                return new AdminAccount(accountFile, initial, props.getProperty("password_hash"));
            }
            String password = PasswordHasher.randomSecret(18);
            SecureFiles.writeString(initial, password + "\n");
            AdminAccount account = new AdminAccount(accountFile, initial, null);
            account.setPassword(password);
            LOG.info("First start: the admin password (user '{}') is in {} (readable by its owner only)", USERNAME,
                    initial.toAbsolutePath());
            return account;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the admin account in " + accountFile, e);
        }
    }

    /** True when {@code user}/{@code password} are the administrator's. */
    public boolean verify(String user, String password) {
        return USERNAME.equals(user) && password != null && passwordHash != null
                && PasswordHasher.matches(password, passwordHash);
    }

    /** Changes the password (keeps only its hash). */
    public void setPassword(String password) throws IOException {
        String hash = PasswordHasher.hash(password);
        Properties props = new Properties();
        props.setProperty("username", USERNAME);
        props.setProperty("password_hash", hash);
        StringWriter out = new StringWriter();
        props.store(out, "Registry administrator (hash only)");
        SecureFiles.writeString(accountFile, out.toString());
        passwordHash = hash;
    }

    /** Where the first start wrote the generated password. */
    public Path initialPasswordFile() {
        return initialPasswordFile;
    }
}
