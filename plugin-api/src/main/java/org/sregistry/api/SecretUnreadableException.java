package org.sregistry.api;

/**
 * A sealed value that cannot be opened: another purpose, altered text, or a key no longer in the keyring. The
 * message says which, without the value. For stored credentials this usually means "ask the user to sign in again",
 * never a crash.
 */
public class SecretUnreadableException extends RuntimeException {
    public SecretUnreadableException(String message) {
        super(message);
    }
}
