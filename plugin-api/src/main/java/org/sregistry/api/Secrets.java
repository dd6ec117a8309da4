package org.sregistry.api;

/**
 * Seals small secrets (tokens, webhook keys) for storage outside the data dir, such as {@link PluginStore}
 * records, with a key that stays in it. The host encrypts with AES-256-GCM under the current key of its keyring
 * and binds {@code purpose} to the result: a value opens only with the same plugin and purpose, so a sealed
 * refresh token copied into a webhook record does not open there. Each sealed value names its key, so the
 * operator can rotate keys ({@code registry secrets rotate}) and old values still open, marked
 * {@link Opened#stale() stale}.
 *
 * <pre>{@code
 * Secrets secrets = context.secrets();
 * String sealed = secrets.seal("refresh-token", token);          // "s1.k1.…": safe to store in a record
 * store.put("conn", user, sealed);
 * Secrets.Opened opened = secrets.open("refresh-token", store.get("conn", user).orElseThrow());
 * if (opened.stale()) {
 *     store.put("conn", user, secrets.seal("refresh-token", opened.plaintext()));   // re-seal with the new key
 * }
 * }</pre>
 */
public interface Secrets {

    /**
     * Encrypts {@code plaintext} for {@code purpose} (a short fixed word of the plugin, e.g. {@code refresh-token};
     * the host binds {@code pluginId + "/" + purpose} as associated data). Each call uses a fresh nonce, so sealing
     * the same text twice gives two different values.
     *
     * @return printable ASCII ({@code s1.<key id>.<nonce>.<ciphertext>}), never containing {@code plaintext}
     */
    String seal(String purpose, String plaintext);

    /**
     * Decrypts a value {@link #seal sealed} by this plugin for the same {@code purpose}.
     *
     * @throws SecretUnreadableException when the value was sealed for another purpose or plugin, was altered, is
     *                                   not a sealed value, or names a key that was retired (or a lost keyring)
     */
    Opened open(String purpose, String sealed);

    /**
     * An opened value.
     *
     * @param plaintext what was sealed
     * @param stale     sealed with a key that is no longer current: seal it again on the next write
     */
    record Opened(String plaintext, boolean stale) {
        @Override
        public String toString() {
            return "Opened[***, stale=" + stale + "]";
        }
    }
}
