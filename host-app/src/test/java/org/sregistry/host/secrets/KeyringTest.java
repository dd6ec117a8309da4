package org.sregistry.host.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.SecretUnreadableException;
import org.sregistry.api.Secrets;

class KeyringTest {
    private static final String TOKEN = "Agm3x-refresh-token-of-alice";

    @TempDir
    Path dataDir;

    private Keyring keyring() {
        return new Keyring(dataDir, Clock.systemUTC());
    }

    @Test
    void aSealedValueOpensWithTheSamePurposeAndHidesThePlaintext() {
        Secrets secrets = keyring().forPlugin("globus");
        String sealed = secrets.seal("refresh-token", TOKEN);
        assertThat(sealed).startsWith("s1.k1.").doesNotContain(TOKEN).matches("[A-Za-z0-9._-]+");
        assertThat(secrets.seal("refresh-token", TOKEN)).as("a fresh nonce each time").isNotEqualTo(sealed);
        Secrets.Opened opened = secrets.open("refresh-token", sealed);
        assertThat(opened.plaintext()).isEqualTo(TOKEN);
        assertThat(opened.stale()).isFalse();
        assertThat(opened.toString()).doesNotContain(TOKEN);
        assertThat(keyring().forPlugin("globus").open("refresh-token", sealed).plaintext())
                .as("another process with the same data dir").isEqualTo(TOKEN);
        assertThat(secrets.open("empty", secrets.seal("empty", "")).plaintext()).isEmpty();
    }

    @Test
    void anAlteredValueIsRefusedClearly() {
        Secrets secrets = keyring().forPlugin("globus");
        String sealed = secrets.seal("refresh-token", TOKEN);
        // the first character of the ciphertext: all six of its bits are data (the last one's low bits may be padding,
        // and changing only those would change nothing)
        int at = sealed.lastIndexOf('.') + 1;
        String tampered = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);
        assertThatThrownBy(() -> secrets.open("refresh-token", tampered))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("altered").hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> secrets.open("refresh-token", "plain text"))
                .isInstanceOf(SecretUnreadableException.class).hasMessageContaining("not a sealed value");
        assertThatThrownBy(() -> secrets.open("refresh-token", sealed.replace("s1.k1.", "s1.k1.!")))
                .isInstanceOf(SecretUnreadableException.class).hasMessageContaining("damaged");
    }

    @Test
    void anotherPurposeOrPluginIsRefused() {
        Keyring keyring = keyring();
        String sealed = keyring.forPlugin("globus").seal("refresh-token", TOKEN);
        assertThatThrownBy(() -> keyring.forPlugin("globus").open("webhook-key", sealed))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("another purpose than globus/webhook-key");
        assertThatThrownBy(() -> keyring.forPlugin("other").open("refresh-token", sealed))
                .isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> keyring.forPlugin("globus").seal(" ", TOKEN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterARotationOldValuesStillOpenAsStaleAndRetiringEndsThem() {
        Keyring keyring = keyring();
        Secrets secrets = keyring.forPlugin("globus");
        String old = secrets.seal("refresh-token", TOKEN);
        Keyring cli = keyring();
        assertThat(cli.rotate()).isEqualTo("k2");
        assertThat(cli.keyIds()).containsExactly("k1", "k2");

        String fresh = secrets.seal("refresh-token", TOKEN);
        assertThat(fresh).as("the server sees the CLI's rotation").startsWith("s1.k2.");
        assertThat(secrets.open("refresh-token", old)).isEqualTo(new Secrets.Opened(TOKEN, true));
        assertThat(secrets.open("refresh-token", fresh).stale()).isFalse();

        assertThatThrownBy(() -> cli.retire(List.of("k2"))).hasMessageContaining("current key");
        assertThatThrownBy(() -> cli.retire(List.of("k9"))).hasMessageContaining("no key k9");
        assertThat(cli.retire(List.of())).containsExactly("k1");
        assertThat(cli.keyIds()).containsExactly("k2");
        assertThatThrownBy(() -> secrets.open("refresh-token", old))
                .isInstanceOf(SecretUnreadableException.class).hasMessageContaining("key k1", "not in the keyring");
        assertThat(secrets.open("refresh-token", fresh).plaintext()).isEqualTo(TOKEN);
        assertThat(cli.rotate()).as("ids are never reused").isEqualTo("k3");
    }

    @Test
    void theKeyringIsTheOwnersOnlyAndATooOpenOneIsRefused() throws Exception {
        Keyring keyring = keyring();
        assertThat(keyring.currentKey()).isNull();
        assertThat(Keyring.fileIn(dataDir)).doesNotExist();
        keyring.forPlugin("globus").seal("x", "y");
        Path file = Keyring.fileIn(dataDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(file)).contains("\"current\"", "\"k1\"", "\"created_at\"");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .as("no temporary file left").containsExactlyInAnyOrder("keyring.json", "keyring.json.lock");
        }

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> keyring().check()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("readable by others", "chmod 600");
    }

    @Test
    void aLostKeyringMakesOldValuesUnreadableNotACrash() throws Exception {
        Secrets secrets = keyring().forPlugin("globus");
        String sealed = secrets.seal("refresh-token", TOKEN);
        Files.delete(Keyring.fileIn(dataDir));
        assertThatThrownBy(() -> keyring().forPlugin("globus").open("refresh-token", sealed))
                .isInstanceOf(SecretUnreadableException.class).hasMessageContaining("no keyring");
    }
}
