package org.sregistry.host.mail;

import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.Mail;
import org.sregistry.api.MailException;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;

/**
 * The server's {@link Mail}: the address comes from the user's account, the SMTP settings from the configuration at
 * each message ({@link SmtpSettings#read}), the sending from {@link SmtpTransport}. One per plugin (and one for the
 * host's own mail), so the log says who asked.
 */
public final class HostMail implements Mail {
    private static final Logger LOG = LoggerFactory.getLogger(HostMail.class);

    private final String requester;
    private final UserStore users;
    private final Function<String, Optional<String>> config;
    private final SmtpTransport transport;

    /**
     * @param requester who sends through it, for the log: a plugin id, or {@code host}
     * @param config    the layered configuration's {@code find}
     */
    public HostMail(String requester, UserStore users, Function<String, Optional<String>> config,
                    SmtpTransport transport) {
        this.requester = requester;
        this.users = users;
        this.config = config;
        this.transport = transport;
    }

    @Override
    public boolean available() {
        return SmtpSettings.configured(config);
    }

    /**
     * The SMTP settings the next message would be sent with, read now.
     *
     * @throws MailException {@link MailException.Reason#NOT_CONFIGURED}, as {@link SmtpSettings#read}
     */
    public SmtpSettings settings() {
        return SmtpSettings.read(config);
    }

    @Override
    public void sendTo(String username, String subject, String text) {
        sendTo(settings(), username, subject, text);
    }

    /** Sends with settings read before ({@link #settings}): a caller that names them sends with what it named. */
    public void sendTo(SmtpSettings settings, String username, String subject, String text) {
        String address = address(username);
        try {
            transport.send(settings, address, subject, text);
        } catch (MailException e) {
            LOG.warn("E-mail for user {} (from {}) not sent: {}", username, requester, e.getMessage());
            throw e;
        }
        LOG.info("E-mail for user {} (from {}) sent through {}:{}", username, requester, settings.host(),
                settings.port());
    }

    /** The address on an enabled account. */
    private String address(String username) {
        Optional<User> user = username == null ? Optional.empty() : users.byName(username);
        if (user.isEmpty() || !user.get().enabled()) {
            throw new MailException(MailException.Reason.NO_ADDRESS, "No enabled account named " + username
                    + " to send e-mail to.");
        }
        String email = user.get().email();
        if (email == null || email.isBlank()) {
            throw new MailException(MailException.Reason.NO_ADDRESS, "The account " + username
                    + " has no e-mail address (it can be added on the profile page).");
        }
        return email.trim();
    }
}
