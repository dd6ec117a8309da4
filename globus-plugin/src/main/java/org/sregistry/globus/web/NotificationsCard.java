package org.sregistry.globus.web;

import org.sregistry.api.Access;
import org.sregistry.api.Mail;
import org.sregistry.api.PageRenderer;
import org.sregistry.globus.notify.NotificationPreferences;

/** Renders the "Notifications" card with the signed-in user's own settings (nothing for an anonymous caller). */
final class NotificationsCard {
    private final NotificationPreferences preferences;
    private final Access access;
    private final Mail mail;
    private final PageRenderer pages;
    private final Templates templates;

    NotificationsCard(NotificationPreferences preferences, Access access, Mail mail, PageRenderer pages,
                      Templates templates) {
        this.preferences = preferences;
        this.access = access;
        this.mail = mail;
        this.pages = pages;
        this.templates = templates;
    }

    /** The card of the caller, or "" when nobody is signed in. */
    String html() {
        return access.caller().map(me -> html(model(me.username()))).orElse("");
    }

    /** The caller's card model. */
    NotificationsModel model(String user) {
        return NotificationsModel.of(pages.csrfField(), user, preferences.of(user), mail.available());
    }

    /** The card for {@code model}. */
    String html(NotificationsModel model) {
        return templates.render("notifications.jte", model);
    }
}
