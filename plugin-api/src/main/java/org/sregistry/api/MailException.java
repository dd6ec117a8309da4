package org.sregistry.api;

import java.util.Objects;

/**
 * A message {@link Mail} did not send, and why: the {@link #getMessage() message} is one line for a person (it never
 * holds credentials), the {@link #reason() reason} is for code that decides whether to try again.
 *
 * <pre>{@code
 * try {
 *     context.mail().sendTo(user, subject, text);
 * } catch (MailException e) {
 *     boolean later = e.reason() == MailException.Reason.SEND_FAILED;   // the server may take it next time
 *     LOG.info("no mail to {}: {}", user, e.getMessage());
 * }
 * }</pre>
 */
public class MailException extends RuntimeException {

    /** Why a message was not sent. */
    public enum Reason {
        /** No SMTP server or sender address is configured (always so in the CLI). */
        NOT_CONFIGURED,
        /** The user has no e-mail address on their account, or no enabled account. */
        NO_ADDRESS,
        /** The SMTP server refused the message, the sign-in or the TLS handshake, or could not be reached. */
        SEND_FAILED
    }

    private final Reason reason;

    public MailException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the message was not sent. */
    public Reason reason() {
        return reason;
    }
}
