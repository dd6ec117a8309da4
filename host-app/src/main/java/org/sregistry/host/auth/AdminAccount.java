package org.sregistry.host.auth;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrator account. On first start a random password is generated, written to
 * {@code <data-dir>/initial-admin-password} (mode 0600) and only its hash is kept in
 * {@code <data-dir>/auth/admin.properties}. Changing the password (settings page or
 * {@code registry admin set-password}, possibly in another process) removes the initial file.
 *
 * <p>The account file is the truth: every check first looks whether it changed on disk (one
 * {@code stat}), so a password set by the CLI applies to a running server at once. Each change
 * counts up {@link #generation()}: sessions and cached verifications of an older generation are
 * void.
 */
public final class AdminAccount {
    /** The administrator's user name. */
    public static final String USERNAME = "admin";
    /** Shorter passwords are refused: the admin owns every image. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final int MAX_PASSWORD_LENGTH = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccount.class);

    private final Path accountFile;
    private final Path initialPasswordFile;
    private static final Object MISSING = List.of("missing");
    private volatile Loaded loaded;

    /** What was read from the account file, and which version of the file it was. */
    private record Loaded(String passwordHash, Object fileVersion, long generation) {
    }

    private AdminAccount(Path accountFile, Path initialPasswordFile) {
        this.accountFile = accountFile;
        this.initialPasswordFile = initialPasswordFile;
    }

    /** Loads the account, creating it (and the initial password file) on first start. */
    public static AdminAccount open(Path dataDir) {
        Path accountFile = dataDir.resolve("auth").resolve("admin.properties");
        Path initial = dataDir.resolve("initial-admin-password");
        AdminAccount account = new AdminAccount(accountFile, initial);
        try {
            if (Files.exists(accountFile)) {
                account.reload();
                return account;
            }
            String password = PasswordHasher.randomSecret(18);
            SecureFiles.writeString(initial, password + "\n");
            account.store(password);
            LOG.info("First start: the admin password (user '{}') is in {} (readable by its owner only)", USERNAME,
                    initial.toAbsolutePath());
            return account;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the admin account in " + accountFile, e);
        }
    }

    /** True when {@code user}/{@code password} are the administrator's (a PBKDF2 derivation: slow on purpose). */
    public boolean verify(String user, String password) {
        Loaded now = current();
        return USERNAME.equals(user) && password != null && now.passwordHash() != null
                && PasswordHasher.matches(password, now.passwordHash());
    }

    /** True for the one account name (failed logins of other names are all counted as one). */
    public boolean isAccount(String user) {
        return USERNAME.equals(user);
    }

    /** Counts up whenever the password changes, in this process or another. */
    public long generation() {
        return current().generation();
    }

    /**
     * Sets a new password: only its hash is stored, the initial password file is removed, and every
     * session and cached verification of the old password is void.
     *
     * @throws IllegalArgumentException when the password is too short or too long (the message says so)
     */
    public void changePassword(String password) throws IOException {
        Optional<String> problem = problem(password);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        store(password);
        if (Files.deleteIfExists(initialPasswordFile)) {
            LOG.info("Admin password changed; removed {}", initialPasswordFile);
        } else {
            LOG.info("Admin password changed");
        }
    }

    /** What is wrong with a new password, if anything. */
    public static Optional<String> problem(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            return Optional.of("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            return Optional.of("the password must have at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (password.isBlank()) {
            return Optional.of("the password must not be only spaces");
        }
        return Optional.empty();
    }

    /** Where the first start wrote the generated password (gone once the password was changed). */
    public Path initialPasswordFile() {
        return initialPasswordFile;
    }

    private synchronized void store(String password) throws IOException {
        String hash = PasswordHasher.hash(password);
        Properties props = new Properties();
        props.setProperty("username", USERNAME);
        props.setProperty("password_hash", hash);
        StringWriter out = new StringWriter();
        props.store(out, "Registry administrator (hash only)");
        SecureFiles.writeString(accountFile, out.toString());
        long generation = loaded == null ? 1 : loaded.generation() + 1;
        loaded = new Loaded(hash, version(), generation);
    }

    /** The account as the file says now (re-read when another process replaced it). */
    private Loaded current() {
        Loaded now = loaded;
        Object version;
        try {
            version = version();
        } catch (IOException e) {
            return now; // unreadable for a moment (being replaced): the last known password stands
        }
        if (!version.equals(now.fileVersion()) && !MISSING.equals(version)) {
            try {
                return reload();
            } catch (IOException e) {
                LOG.warn("Could not re-read {}: {}", accountFile, e.toString());
            }
        }
        return now;
    }

    private synchronized Loaded reload() throws IOException {
        Object version = version();
        if (loaded != null && version.equals(loaded.fileVersion())) {
            return loaded;
        }
        Properties props = new Properties();
        props.load(new StringReader(Files.readString(accountFile)));
        loaded = new Loaded(props.getProperty("password_hash"), version, loaded == null ? 1 : loaded.generation() + 1);
        return loaded;
    }

    /** Inode, time and size: a replaced file (SecureFiles renames a new one in) always differs. */
    private Object version() throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(accountFile, BasicFileAttributes.class);
            return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
        } catch (NoSuchFileException e) {
            return MISSING;
        }
    }
}
