package org.sregistry.host.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sregistry.host.users.Role;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local passwords of the accounts in the database. On the very first start (no account yet) an
 * administrator {@value #FIRST_ADMIN} is made with a random password, written to
 * {@code <data-dir>/initial-admin-password} (mode 0600); only its hash is stored. The file goes
 * once that account's password is changed (settings page, profile or {@code registry admin
 * set-password}, possibly from another process: the database is the truth, so a running server
 * takes the change at once).
 */
public final class PasswordAccounts {
    /** The administrator made on first start. */
    public static final String FIRST_ADMIN = "admin";
    /** Shorter passwords are refused. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final int MAX_PASSWORD_LENGTH = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PasswordAccounts.class);

    private final UserStore users;
    private final Path initialPasswordFile;

    private PasswordAccounts(UserStore users, Path initialPasswordFile) {
        this.users = users;
        this.initialPasswordFile = initialPasswordFile;
    }

    /** The accounts of this data dir's database, making the first administrator when there is none. */
    public static PasswordAccounts open(Path dataDir, UserStore users) {
        PasswordAccounts accounts = new PasswordAccounts(users, dataDir.resolve("initial-admin-password"));
        if (users.count() == 0) {
            String password = PasswordHasher.randomSecret(18);
            try {
                SecureFiles.writeString(accounts.initialPasswordFile, password + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + accounts.initialPasswordFile, e);
            }
            users.create(new UserStore.NewUser(FIRST_ADMIN, "Administrator", null, Role.ADMIN,
                    PasswordHasher.hash(password), null));
            LOG.info("First start: the admin password (user '{}') is in {} (readable by its owner only)", FIRST_ADMIN,
                    accounts.initialPasswordFile.toAbsolutePath());
        }
        return accounts;
    }

    /**
     * The enabled account whose local password this is (a PBKDF2 derivation: slow on purpose);
     * empty for a wrong password, an unknown or disabled account, or one without a local password.
     */
    public Optional<User> verify(String username, String password) {
        if (password == null) {
            return Optional.empty();
        }
        return users.byName(username)
                .filter(User::enabled)
                .filter(User::hasPassword)
                .filter(u -> PasswordHasher.matches(password, u.passwordHash()));
    }

    /** True for names of existing accounts (the throttle counts failures of all other names as one). */
    public boolean isAccount(String username) {
        return users.byName(username).isPresent();
    }

    /**
     * Sets a new password: only its hash is stored, and every session and cached verification of
     * the old one is void. The first administrator's change also removes the initial password file.
     *
     * @throws IllegalArgumentException when the password is too short or too long (the message says so)
     */
    public void changePassword(User user, String password) throws IOException {
        Optional<String> problem = problem(password);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        users.setPassword(user.id(), PasswordHasher.hash(password));
        if (user.username().equals(FIRST_ADMIN) && Files.deleteIfExists(initialPasswordFile)) {
            LOG.info("Password of {} changed; removed {}", FIRST_ADMIN, initialPasswordFile);
        } else {
            LOG.info("Password of {} changed", user.username());
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

    /** Where the first start wrote the generated password (gone once it was changed). */
    public Path initialPasswordFile() {
        return initialPasswordFile;
    }

    /** The accounts. */
    public UserStore users() {
        return users;
    }
}
