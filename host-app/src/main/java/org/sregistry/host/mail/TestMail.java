package org.sregistry.host.mail;

import java.util.Map;
import org.sregistry.api.MailException;
import org.sregistry.host.audit.Audit;
import org.sregistry.host.users.User;

/**
 * The e-mail section of {@code /settings}: what the SMTP settings say now, and "Send test e-mail" to the signed-in
 * administrator's own address, audited as {@code mail.test} (with the reason when it failed).
 */
public final class TestMail {
    static final String SUBJECT = "Test e-mail from the registry";

    private final HostMail mail;
    private final Audit audit;

    public TestMail(HostMail mail, Audit audit) {
        this.mail = mail;
        this.audit = audit;
    }

    /**
     * The section's state.
     *
     * @param configured true when a message would be tried
     * @param text       the settings in one line, or why e-mail is not configured
     */
    public record Status(boolean configured, String text) {
    }

    /** What {@code /settings} says about e-mail now. */
    public Status status() {
        try {
            return new Status(true, mail.settings().summary());
        } catch (MailException e) {
            return new Status(false, e.getMessage());
        }
    }

    /**
     * The answer of a test.
     *
     * @param sent    true when the SMTP server took the message
     * @param text    what to show the administrator
     * @param failure why it was not sent, or null
     */
    public record Result(boolean sent, String text, MailException.Reason failure) {
    }

    /** Sends the test message to {@code admin}'s address, with the settings read once (named in its text). */
    public Result sendTo(User admin) {
        try {
            SmtpSettings settings = mail.settings();
            String server = settings.summary();
            mail.sendTo(settings, admin.username(), SUBJECT, "This is a test e-mail from the registry, sent from the"
                    + " settings page by " + admin.username() + ".\n\nThe registry sends its e-mail through " + server
                    + ".\nNotifications (such as finished Globus transfers) reach users this way.\n");
            audit.record("mail.test", admin.username(), Audit.Outcome.OK, Map.of("server", server));
            return new Result(true, "Test e-mail sent to " + admin.email() + ". If it does not arrive, look in the spam"
                    + " folder and the SMTP server's log.", null);
        } catch (MailException e) {
            audit.record("mail.test", admin.username(), Audit.Outcome.FAILED, Map.of("reason", e.getMessage()));
            return new Result(false, "No test e-mail was sent. " + e.getMessage(), e.reason());
        }
    }
}
