package org.sregistry.api;

/**
 * Sends plain-text e-mail to registry users, through the SMTP server the administrator configured
 * ({@code REGISTRY_SMTP_*}). A plugin names the user, never an address: the host looks up the e-mail address on the
 * user's account, so addresses stay host data and a user changes theirs in one place. Sending blocks until the SMTP
 * server took the message (a few seconds at most); call it from a scheduled task, not while a person waits.
 *
 * <pre>{@code
 * Mail mail = context.mail();
 * if (mail.available()) {
 *     try {
 *         mail.sendTo("alice", "Globus transfer finished: lab/tool:1", "Imported lab/tool:1 from HPC Cluster.");
 *     } catch (MailException e) {
 *         if (e.reason() == MailException.Reason.NO_ADDRESS) {
 *             // alice has no e-mail address on her account: retrying will not help until she adds one
 *         }
 *         record.lastError(e.getMessage());   // "the SMTP server smtp.example.org:587 refused: 550 ..."
 *     }
 * }
 * }</pre>
 */
public interface Mail {

    /**
     * True when an administrator configured SMTP (a server and a sender address); read again on every call, so it
     * follows changes on {@code /settings}. False in the CLI.
     */
    boolean available();

    /**
     * Sends one plain-text message to the e-mail address on {@code username}'s account.
     *
     * @param username a registry user name, e.g. {@code alice}
     * @param subject  one line (line breaks are replaced by spaces)
     * @param text     the body, plain text
     * @throws MailException when mail is not configured, the user has no address (or no enabled account), or the SMTP
     *                       server refused the message or could not be reached; the message says which, without
     *                       credentials
     */
    void sendTo(String username, String subject, String text);
}
