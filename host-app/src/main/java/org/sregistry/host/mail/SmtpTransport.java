package org.sregistry.host.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.util.MailConnectException;
import org.sregistry.api.MailException;
import org.sregistry.host.observability.SecretMasker;

/**
 * Sends one plain-text message over SMTP with Jakarta Mail and its Angus provider, a new connection per message (a
 * registry sends a few a day). STARTTLS is required when configured, certificates and host names are checked, and
 * every step has {@link SmtpSettings#timeout()}. Failures become a {@link MailException} with one line naming the
 * server and what it said, never the password.
 */
public final class SmtpTransport {
    /** Longest subject sent; longer ones are cut. */
    static final int MAX_SUBJECT = 200;

    private final Clock clock;

    public SmtpTransport(Clock clock) {
        this.clock = clock;
    }

    /**
     * Sends {@code text} to {@code to}.
     *
     * @throws MailException {@link MailException.Reason#NO_ADDRESS} for an address the registry cannot use,
     *                       {@link MailException.Reason#SEND_FAILED} when the server refused or could not be reached
     */
    public void send(SmtpSettings settings, String to, String subject, String text) {
        InternetAddress recipient = recipient(to);
        // Angus is the host's library: its providers are found through the host's class loader, also when a
        // plugin's thread (whose context loader is the plugin's) asks for mail
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(SmtpTransport.class.getClassLoader());
        try {
            Session session = Session.getInstance(properties(settings));
            MimeMessage message = new MimeMessage(session);
            message.setFrom(settings.from());
            message.setRecipient(Message.RecipientType.TO, recipient);
            message.setSubject(subject(subject), StandardCharsets.UTF_8.name());
            message.setText(text == null ? "" : text, StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no vacation replies, please
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (MessagingException e) {
            throw failed(settings, e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** The session properties (no credentials: those go to {@code connect}). */
    static Properties properties(SmtpSettings settings) {
        Properties p = new Properties();
        String millis = Long.toString(settings.timeout().toMillis());
        p.setProperty("mail.smtp.host", settings.host());
        p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        p.setProperty("mail.smtp.auth", Boolean.toString(settings.user() != null));
        p.setProperty("mail.smtp.from", settings.from().getAddress());
        switch (settings.security()) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> p.setProperty("mail.smtp.starttls.enable", "false");
        }
        return p;
    }

    private static InternetAddress recipient(String to) {
        try {
            InternetAddress address = new InternetAddress(to == null ? "" : to.trim(), true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new MailException(MailException.Reason.NO_ADDRESS, "The e-mail address on the account is not one the"
                    + " registry can send to.");
        }
    }

    private static MailException failed(SmtpSettings settings, MessagingException e) {
        String server = "The SMTP server " + settings.host() + ":" + settings.port();
        String what;
        if (e instanceof AuthenticationFailedException) {
            what = " refused the sign-in as " + settings.user() + ": " + said(e);
        } else if (e instanceof SendFailedException) {
            what = " refused the message: " + said(e);
        } else if (e instanceof MailConnectException || e.getCause() instanceof java.io.IOException) {
            what = " could not be reached (" + said(e.getCause() != null ? e.getCause() : e) + ")";
        } else {
            what = " did not take the message: " + said(e);
        }
        String message = SecretMasker.mask(server + what);
        // the masker skips secrets under 6 characters and knows only those set at start or on /settings (not one
        // edited into the config file since): this password is masked here either way
        if (settings.password() != null && !settings.password().isEmpty()) {
            message = message.replace(settings.password(), "****");
        }
        return new MailException(MailException.Reason.SEND_FAILED, message);
    }

    /** What an exception says, on one line, at most 300 characters. */
    private static String said(Throwable e) {
        String text = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        text = oneLine(text);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** One line of at most {@value #MAX_SUBJECT} characters: a line break cannot start another header. */
    static String subject(String text) {
        String line = oneLine(text);
        return line.length() > MAX_SUBJECT ? line.substring(0, MAX_SUBJECT - 1) + "…" : line;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").trim();
    }
}
