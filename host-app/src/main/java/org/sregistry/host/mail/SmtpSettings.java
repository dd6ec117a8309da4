package org.sregistry.host.mail;

import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.sregistry.api.ConfigOption;
import org.sregistry.api.MailException;
import org.sregistry.host.config.OptionTypes;
import org.sregistry.host.http.LoopbackHosts;

/**
 * The SMTP settings of one message, read from the configuration when it is sent ({@link #read}), so a change on
 * {@code /settings} applies to the next message. {@link #toString()} never shows the password.
 *
 * @param host     the SMTP server
 * @param port     its port
 * @param security how the connection is protected
 * @param user     the sign-in name, or null for none
 * @param password the password, or null
 * @param from     the sender ({@code Registry <registry@example.org>}), parsed once here
 * @param timeout  connect, read and write timeout
 */
public record SmtpSettings(String host, int port, Security security, String user, String password,
                           InternetAddress from, Duration timeout) {
    /** How long the SMTP server may take to connect or answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How the connection to the SMTP server is protected. */
    public enum Security {
        /** Plain, then upgraded with STARTTLS before anything else is sent (refused when the server cannot). */
        STARTTLS(587),
        /** TLS from the first byte ("SMTPS"). */
        TLS(465),
        /** Plain text all the way. */
        NONE(25);

        private final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** The port used when {@link MailOptions#PORT} is empty. */
        public int defaultPort() {
            return defaultPort;
        }

        /** The security a configured word names (any case), if any. */
        public static Optional<Security> parse(String word) {
            String w = word == null ? "" : word.trim().toUpperCase(Locale.ROOT);
            return Arrays.stream(values()).filter(s -> s.name().equals(w)).findFirst();
        }
    }

    /**
     * The settings in {@code config}.
     *
     * @throws MailException {@link MailException.Reason#NOT_CONFIGURED} naming the key to set or fix: no server, no
     *                       sender, a value the settings page flags ({@link OptionTypes#problem}), or a password
     *                       that would cross the network in clear ({@code none} to a host other than this machine)
     */
    public static SmtpSettings read(Function<String, Optional<String>> config) {
        String host = value(config, MailOptions.HOST);
        if (host == null) {
            throw notConfigured("no SMTP server is configured (" + MailOptions.HOST + ")");
        }
        String from = value(config, MailOptions.FROM);
        if (from == null) {
            throw notConfigured("no sender address is configured (" + MailOptions.FROM + ")");
        }
        for (ConfigOption option : MailOptions.all()) {
            String v = value(config, option.key());
            if (v != null) {
                OptionTypes.problem(option, v).ifPresent(p -> {
                    throw notConfigured(option.key() + ": " + p);
                });
            }
        }
        // the default here too, so a lookup without declared defaults works
        String word = Optional.ofNullable(value(config, MailOptions.SECURITY)).orElse(MailOptions.DEFAULT_SECURITY);
        Security security = Security.parse(word).orElseThrow(); // checked above
        String portText = value(config, MailOptions.PORT);
        int port = portText == null ? security.defaultPort() : Integer.parseInt(portText); // checked above
        String user = value(config, MailOptions.USER);
        String password = user == null ? null : config.apply(MailOptions.PASSWORD).orElse("");
        if (user != null && security == Security.NONE && !LoopbackHosts.isLoopback(host)) {
            throw notConfigured(MailOptions.SECURITY + "=none would send the SMTP password readable to " + host
                    + "; use starttls or tls (or a relay on this machine)");
        }
        InternetAddress sender = MailOptions.sender(from); // checked above
        return new SmtpSettings(host, port, security, user, password, sender, TIMEOUT);
    }

    /** True when SMTP is configured well enough to try ({@link #read} would not throw). */
    public static boolean configured(Function<String, Optional<String>> config) {
        try {
            read(config);
            return true;
        } catch (MailException e) {
            return false;
        }
    }

    /** What the settings page shows: {@code smtp.example.org:587, starttls, as registry, from …}. */
    public String summary() {
        return host + ":" + port + ", " + security.name().toLowerCase(Locale.ROOT)
                + (user == null ? ", no sign-in" : ", signing in as " + user) + ", from " + from.toUnicodeString();
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + summary() + (password == null ? "" : ", password ***") + "]";
    }

    private static String value(Function<String, Optional<String>> config, String key) {
        return config.apply(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
    }

    private static MailException notConfigured(String why) {
        return new MailException(MailException.Reason.NOT_CONFIGURED, "E-mail is not configured: " + why + ".");
    }
}
