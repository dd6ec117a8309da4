package org.sregistry.host.mail;

import org.sregistry.api.Mail;
import org.sregistry.api.MailException;

/** The CLI's {@link Mail}: never available; e-mail is the server's job. */
public final class UnavailableMail implements Mail {

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public void sendTo(String username, String subject, String text) {
        throw new MailException(MailException.Reason.NOT_CONFIGURED, "E-mail is sent by the server, not by the CLI.");
    }
}
