package org.sregistry.globus.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What a webhook URL may be: absolute {@code http} or {@code https}, a host, no user info or fragment; for a user who
 * is not an administrator, also a host outside the registry's network ({@link InternalAddresses}).
 */
public final class WebhookUrl {
    /** The longest URL accepted. */
    static final int MAX_LENGTH = 2000;

    private WebhookUrl() {
    }

    /**
     * The URL {@code text} names.
     *
     * @param internalAllowed true for an administrator's webhook: loopback and private addresses are fine
     * @throws InvalidNotifySettingsException naming {@code webhook.url} and what is expected
     */
    public static URI check(String text, boolean internalAllowed) {
        String v = text == null ? "" : text.trim();
        if (v.length() > MAX_LENGTH) {
            throw invalid("longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw invalid("not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("only http:// and https:// URLs are accepted");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("the URL has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("no user name or password in the URL: check the signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("no #fragment: it is never sent");
        }
        if (!internalAllowed) {
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost();
            InternalAddresses.problem(host).ifPresent(problem -> {
                throw new InvalidNotifySettingsException("webhook.url", problem);
            });
        }
        return uri;
    }

    private static InvalidNotifySettingsException invalid(String problem) {
        return new InvalidNotifySettingsException("webhook.url", problem + "; expected e.g. https://ci.example.org/hooks/registry");
    }
}
