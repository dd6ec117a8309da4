package org.sregistry.host.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.auth.PasswordHasher;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * A 0.1.0 data dir keeps the administrator's password and every script's API token: its
 * {@code auth/*.properties} move into the database at the first start, once.
 */
class LegacyAuthImportIT {
    private static final String PASSWORD = "the-old-admin-password";
    private static final String TOKEN = "reg_" + "a".repeat(32);

    @TempDir
    Path dataDir;

    @Test
    void theOldPasswordAndTokensKeepWorkingAndTheFilesAreSetAside() throws Exception {
        Path auth = Files.createDirectories(dataDir.resolve("auth"));
        Files.writeString(auth.resolve("admin.properties"), "username=admin\npassword_hash="
                + PasswordHasher.hash(PASSWORD).replace("$", "\\$") + "\n");
        Files.writeString(auth.resolve("api-tokens.properties"), "ci-script=" + sha256(TOKEN) + "\n");

        try (RegistryExtension registry = RegistryExtension.builder().dataDir(dataDir).start()) {
            assertThat(registry.as("admin", PASSWORD).get("/api/plugins").statusCode()).isEqualTo(200);
            assertThat(registry.withToken(TOKEN).get("/api/plugins").statusCode()).isEqualTo(200);
            assertThat(registry.adminTokenNames()).containsExactly("ci-script");
            assertThat(registry.adminUser().admin()).isTrue();
            assertThat(dataDir.resolve("initial-admin-password")).as("no new password made").doesNotExist();
            assertThat(auth.resolve("admin.properties")).doesNotExist();
            assertThat(auth.resolve("admin.properties.imported")).exists();
            assertThat(auth.resolve("api-tokens.properties.imported")).exists();

            // a file put back (a downgrade and upgrade again) changes nothing: the database has accounts
            Files.copy(auth.resolve("admin.properties.imported"), auth.resolve("admin.properties"));
            registry.stop();
            registry.start();
            assertThat(registry.server().users().all()).hasSize(1);
            assertThat(registry.adminTokenNames()).containsExactly("ci-script");
            assertThat(registry.as("admin", PASSWORD).get("/api/plugins").statusCode()).isEqualTo(200);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
