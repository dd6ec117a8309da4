package org.sregistry.host.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Optional;
import org.sregistry.api.ConfigOption;

/**
 * The e-mail options ({@code REGISTRY_SMTP_*}), each checked alone; {@link SmtpSettings#read} checks that they fit
 * together. All are live: every message reads them again, so a change on {@code /settings} applies to the next one.
 */
public final class MailOptions {
    /** The SMTP server's host name or address; empty = no e-mail. */
    public static final String HOST = "REGISTRY_SMTP_HOST";
    /** Its port; default by {@link #SECURITY}: 25, 587 or 465. */
    public static final String PORT = "REGISTRY_SMTP_PORT";
    /** {@code starttls} (default), {@code tls} or {@code none}. */
    public static final String SECURITY = "REGISTRY_SMTP_SECURITY";
    /** The SMTP sign-in name; empty = no sign-in. */
    public static final String USER = "REGISTRY_SMTP_USER";
    /** The SMTP password (secret). */
    public static final String PASSWORD = "REGISTRY_SMTP_PASSWORD";
    /** The sender address, e.g. {@code Registry <registry@example.org>}. */
    public static final String FROM = "REGISTRY_SMTP_FROM";

    /** Default of {@link #SECURITY}. */
    public static final String DEFAULT_SECURITY = "starttls";

    private MailOptions() {
    }

    /** The options, for the settings page. */
    public static List<ConfigOption> all() {
        return List.of(
                ConfigOption.builder(HOST, ConfigOption.Type.STRING)
                        .description("SMTP server that sends the registry's e-mail (host name or IP address, e.g."
                                + " smtp.example.org); empty = no e-mail.")
                        .validator(MailOptions::checkHost).build(),
                ConfigOption.builder(PORT, ConfigOption.Type.INTEGER)
                        .description("Its port; empty = 587 for starttls, 465 for tls, 25 for none.")
                        .validator(MailOptions::checkPort).build(),
                ConfigOption.builder(SECURITY, ConfigOption.Type.STRING).defaultValue(DEFAULT_SECURITY)
                        .description("starttls (upgrade the connection before anything is sent; refused if the server"
                                + " cannot), tls (TLS from the first byte) or none (plain; no password is sent that"
                                + " way except to this machine). Certificates and host names are checked.")
                        .validator(MailOptions::checkSecurity).build(),
                ConfigOption.builder(USER, ConfigOption.Type.STRING)
                        .description("The name the registry signs in to the SMTP server with; empty = no sign-in.")
                        .build(),
                ConfigOption.builder(PASSWORD, ConfigOption.Type.STRING).secret()
                        .description("The SMTP password.").build(),
                ConfigOption.builder(FROM, ConfigOption.Type.STRING)
                        .description("The sender of the registry's e-mail, e.g. Registry <registry@example.org>;"
                                + " required with REGISTRY_SMTP_HOST.")
                        .validator(MailOptions::checkFrom).build());
    }

    /** A host name or address: no scheme, port, user or spaces. */
    static Optional<String> checkHost(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!v.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]|[0-9A-Fa-f:.]+")) {
            return Optional.of("expected a host name or IP address such as smtp.example.org, without scheme or port"
                    + " (the port is REGISTRY_SMTP_PORT)");
        }
        return Optional.empty();
    }

    /** 1 to 65535. */
    static Optional<String> checkPort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            return port >= 1 && port <= 65535 ? Optional.empty() : Optional.of("expected a port from 1 to 65535");
        } catch (NumberFormatException e) {
            return Optional.of("expected a port from 1 to 65535");
        }
    }

    /** One of the three words. */
    static Optional<String> checkSecurity(String value) {
        return SmtpSettings.Security.parse(value).isPresent() ? Optional.empty()
                : Optional.of("expected starttls, tls or none");
    }

    /** One address, with or without a display name. */
    static Optional<String> checkFrom(String value) {
        if (value.trim().isEmpty()) {
            return Optional.empty();
        }
        try {
            sender(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The one address {@code value} names, with or without a display name ({@link SmtpSettings#read} keeps it).
     *
     * @throws IllegalArgumentException saying what is expected
     */
    static InternetAddress sender(String value) {
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parse(value.trim(), true);
            if (parsed.length == 1) {
                parsed[0].validate();
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException("expected an address such as Registry <registry@example.org> ("
                    + e.getMessage() + ")");
        }
        if (parsed.length != 1) {
            throw new IllegalArgumentException("expected one address such as Registry <registry@example.org>");
        }
        if (!parsed[0].getAddress().contains("@")) {
            throw new IllegalArgumentException("expected an address with a domain, such as registry@example.org");
        }
        return parsed[0];
    }
}
