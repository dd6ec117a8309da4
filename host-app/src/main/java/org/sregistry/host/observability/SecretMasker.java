package org.sregistry.host.observability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Replaces secrets in log text: values registered at run time (passwords, secret options) and
 * anything that looks like a bearer token or an OAuth token/code parameter.
 */
public final class SecretMasker {
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Pattern TOKEN_LIKE = Pattern.compile(
            "(?i)(bearer\\s+|basic\\s+|(?:access_token|refresh_token|code|code_verifier|password|token)[\"']?\\s*[=:]\\s*[\"']?)"
                    + "[A-Za-z0-9._~+/=-]{6,}");

    private SecretMasker() {
    }

    /** Registers a secret value; short values (under 6 characters) are ignored to keep logs readable. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 6) {
            SECRETS.add(secret);
        }
    }

    /** The text with every secret replaced by {@code ****}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : SECRETS) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, "****");
            }
        }
        return TOKEN_LIKE.matcher(masked).replaceAll("$1****");
    }
}
