package org.sregistry.globus.notify;

import java.security.SecureRandom;
import java.util.Base64;
import org.sregistry.api.Secrets;

/**
 * The webhook signing secrets: 32 random bytes shown once as {@code whsec_<base64url>}, stored sealed with the host's
 * {@link Secrets} for purpose {@code webhook/<user>}, so a sealed secret copied into another user's record does not
 * open there.
 */
public final class WebhookSecrets {
    /** What every secret starts with (a person can tell it from other keys). */
    public static final String PREFIX = "whsec_";

    private final Secrets secrets;
    private final SecureRandom random;

    public WebhookSecrets(Secrets secrets, SecureRandom random) {
        this.secrets = secrets;
        this.random = random;
    }

    /** A new secret, in the form the user copies. */
    public String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code secret} sealed for {@code user}'s settings record. */
    public String seal(String user, String secret) {
        return secrets.seal(purpose(user), secret);
    }

    /**
     * The secret of {@code user}'s record.
     *
     * @throws org.sregistry.api.SecretUnreadableException when it cannot be opened (altered, another user's, a
     *                                                     retired key)
     */
    public Secrets.Opened open(String user, String sealed) {
        return secrets.open(purpose(user), sealed);
    }

    private static String purpose(String user) {
        return "webhook/" + user;
    }
}
