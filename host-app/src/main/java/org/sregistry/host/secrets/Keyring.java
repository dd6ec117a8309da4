package org.sregistry.host.secrets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.sregistry.api.SecretUnreadableException;
import org.sregistry.api.Secrets;
import org.sregistry.host.secrets.KeyringFile.Key;
import org.sregistry.host.secrets.KeyringFile.Ring;

/**
 * The host's keys for {@link Secrets}, kept in {@link KeyringFile} ({@code <data-dir>/secrets/keyring.json}, made
 * with one AES-256 key on the first seal). A value is sealed with AES-256-GCM under the current key, a random 96-bit
 * nonce and a 128-bit tag, with its context ({@code pluginId/purpose}) as associated data, and written as
 * {@code s1.<key id>.<base64url nonce>.<base64url ciphertext+tag>}.
 *
 * <p>Failure modes: a value of another context, altered, or of a key no longer in the ring gives
 * {@link SecretUnreadableException} (never the plaintext or the key in the message); a keyring that is too open or
 * unparsable gives {@link IllegalStateException} naming the file, at {@link #check() start} and at each read.
 *
 * <p>Keys {@link #rotate rotate} (a new current key; the old ones still open their values, reported stale) and
 * {@link #retire retire} (dropped: their values no longer open). The host cannot see which stored values use a key
 * (they live in plugins' records), so the CLI refuses to retire without {@code --force}.
 */
public final class Keyring {
    static final String FORMAT = "s1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private final KeyringFile file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** A keyring in {@code dataDir}; nothing is read or made until first use. */
    public Keyring(Path dataDir, Clock clock) {
        this.file = new KeyringFile(fileIn(dataDir));
        this.clock = clock;
    }

    /** {@code <data-dir>/secrets/keyring.json}. */
    public static Path fileIn(Path dataDir) {
        return dataDir.resolve("secrets").resolve("keyring.json");
    }

    /** The {@link Secrets} of one plugin: the context of each value is {@code pluginId + "/" + purpose}. */
    public Secrets forPlugin(String pluginId) {
        return new Secrets() {
            @Override
            public String seal(String purpose, String plaintext) {
                return Keyring.this.seal(context(pluginId, purpose), plaintext);
            }

            @Override
            public Opened open(String purpose, String sealed) {
                return Keyring.this.open(context(pluginId, purpose), sealed);
            }
        };
    }

    private static String context(String pluginId, String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a secret needs a purpose, e.g. \"refresh-token\"");
        }
        return pluginId + "/" + purpose;
    }

    /** Refuses a too open or unreadable keyring (at server start); a missing one is made on the first seal. */
    public void check() {
        if (file.exists()) {
            file.read();
        }
    }

    /** Seals {@code plaintext} under the current key, bound to {@code context}. */
    public String seal(String context, String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        Ring ring = file.exists() ? file.read() : file.change(fresh(), r -> r);
        Key key = ring.key(ring.current()).orElseThrow();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, nonce, context)
                    .doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return FORMAT + "." + key.id() + "." + B64.encodeToString(nonce) + "." + B64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with AES-256-GCM: " + e.getMessage(), e);
        }
    }

    /** Opens a value sealed for {@code context}; {@code stale} when its key is no longer current. */
    public Secrets.Opened open(String context, String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (parts.length != 4 || !FORMAT.equals(parts[0])) {
            throw new SecretUnreadableException("not a sealed value (expected " + FORMAT + ".<key>.<nonce>.<data>)");
        }
        if (!file.exists()) {
            throw new SecretUnreadableException("the value was sealed with key " + parts[1] + ", but there is no keyring "
                    + file.path() + " (lost or removed)");
        }
        Ring ring = file.read();
        Key key = ring.key(parts[1]).orElseThrow(() -> new SecretUnreadableException("the value was sealed with key "
                + parts[1] + ", which is not in the keyring " + file.path() + " (retired, or the keyring was replaced)"));
        byte[] nonce;
        byte[] data;
        try {
            nonce = UNB64.decode(parts[2]);
            data = UNB64.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadableException("the sealed value is damaged (not base64url)");
        }
        if (nonce.length != NONCE_BYTES) {
            throw new SecretUnreadableException("the sealed value is damaged (a nonce of " + nonce.length + " bytes)");
        }
        try {
            byte[] plain = cipher(Cipher.DECRYPT_MODE, key, nonce, context).doFinal(data);
            return new Secrets.Opened(new String(plain, StandardCharsets.UTF_8), !key.id().equals(ring.current()));
        } catch (AEADBadTagException e) {
            throw new SecretUnreadableException("the sealed value was altered, or was sealed for another purpose than "
                    + context + " (authentication failed)");
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadableException("the sealed value cannot be opened: " + e.getMessage());
        }
    }

    /** Adds a key and makes it current (making the keyring if there is none); answers the new key's id. */
    public String rotate() {
        // decided under the file's lock: the edit is handed the fresh ring itself only when there was none
        Ring made = fresh();
        Ring ring = file.change(made, r -> r == made ? r : r.withNewKey(newKey(r.nextId())));
        return ring.current();
    }

    /**
     * Removes keys that are not current: the named ones, or every one when {@code ids} is empty. Values sealed with
     * them no longer open. Answers the ids removed.
     *
     * @throws IllegalArgumentException for the current key or a key not in the keyring (nothing is removed)
     */
    public List<String> retire(List<String> ids) {
        if (!file.exists()) {
            throw new IllegalArgumentException("there is no keyring " + file.path() + " yet");
        }
        List<String> removed = new ArrayList<>();
        file.change(fresh(), ring -> {
            removed.clear();
            for (String id : ids) {
                if (id.equals(ring.current())) {
                    throw new IllegalArgumentException("key " + id + " is the current key; rotate first");
                }
                if (ring.key(id).isEmpty()) {
                    throw new IllegalArgumentException("no key " + id + " in the keyring (keys: "
                            + String.join(", ", ring.ids()) + ")");
                }
            }
            List<Key> kept = new ArrayList<>();
            for (Key key : ring.keys()) {
                if (!key.id().equals(ring.current()) && (ids.isEmpty() || ids.contains(key.id()))) {
                    removed.add(key.id());
                } else {
                    kept.add(key);
                }
            }
            return new Ring(ring.current(), kept);
        });
        return List.copyOf(removed);
    }

    /** The current key's id, or null when there is no keyring yet. */
    public String currentKey() {
        return file.exists() ? file.read().current() : null;
    }

    /** Every key's id, oldest first; empty when there is no keyring yet. */
    public List<String> keyIds() {
        return file.exists() ? file.read().ids() : List.of();
    }

    private Ring fresh() {
        return new Ring("k1", List.of(newKey("k1")));
    }

    private static Cipher cipher(int mode, Key key, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(UNB64.decode(key.key()), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private Key newKey(String id) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            return new Key(id, B64.encodeToString(generator.generateKey().getEncoded()), clock.instant().toString());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an AES-256 key: " + e.getMessage(), e);
        }
    }
}
