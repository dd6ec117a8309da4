package org.sregistry.globus.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sregistry.api.Access;
import org.sregistry.api.Mail;
import org.sregistry.globus.notify.InvalidNotifySettingsException;
import org.sregistry.globus.notify.NotificationPreferences;
import org.sregistry.globus.notify.NotifyEvent;
import org.sregistry.globus.notify.NotifySettings;

/**
 * {@code /api/globus/notifications}: the caller's own notification settings. {@code PUT} replaces them:
 * {@code {"email":true,"webhook":{"url":"https://…","events":["succeeded","failed"]},"rotate_secret":false}}
 * ({@code webhook} null or absent = none; {@code events} absent = both). The answer is the stored settings, plus
 * {@code secret} once when a webhook's signing secret was made. A bad URL or event is a 400 naming the field.
 */
@Path("api/globus/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsApi {
    private final NotificationPreferences preferences;
    private final Access access;
    private final Mail mail;

    NotificationsApi(NotificationPreferences preferences, Access access, Mail mail) {
        this.preferences = preferences;
        this.access = access;
        this.mail = mail;
    }

    /** The caller's settings. */
    @GET
    public Map<String, Object> get() {
        String me = me().username();
        return view(me, preferences.of(me), null);
    }

    /** Replaces the caller's settings. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> put(JsonNode body) {
        Access.Caller me = me();
        try {
            NotificationPreferences.Updated updated = preferences.update(me, change(body));
            return view(me.username(), updated.settings(), updated.newSecret());
        } catch (InvalidNotifySettingsException e) {
            throw JsonErrors.of(400, "bad_request", e.getMessage());
        }
    }

    private static NotificationPreferences.Change change(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidNotifySettingsException("body", "expected a JSON object such as {\"email\":true}");
        }
        boolean email = bool(body, "email");
        boolean rotate = bool(body, "rotate_secret");
        JsonNode webhook = body.path("webhook");
        if (webhook.isMissingNode() || webhook.isNull()) {
            return new NotificationPreferences.Change(email, null, Set.of(), rotate);
        }
        if (!webhook.isObject()) {
            throw new InvalidNotifySettingsException("webhook", "expected null or {\"url\":…,\"events\":[…]}");
        }
        JsonNode url = webhook.path("url");
        if (!url.isTextual() || url.asText().isBlank()) {
            throw new InvalidNotifySettingsException("webhook.url", "expected the URL as a string");
        }
        JsonNode events = webhook.path("events");
        List<String> words = new ArrayList<>();
        if (events.isMissingNode() || events.isNull()) {
            words.addAll(List.of(NotifyEvent.SUCCEEDED.word(), NotifyEvent.FAILED.word()));
        } else if (!events.isArray()) {
            throw new InvalidNotifySettingsException("webhook.events", "expected a list such as [\"succeeded\",\"failed\"]");
        } else {
            events.forEach(e -> words.add(e.isTextual() ? e.asText() : e.toString()));
        }
        return new NotificationPreferences.Change(email, url.asText(), NotifyEvent.parseAll(words), rotate);
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidNotifySettingsException(field, "expected true or false");
        }
        return value.asBoolean();
    }

    private Map<String, Object> view(String user, NotifySettings settings, String newSecret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user);
        body.put("email", settings.email());
        body.put("mail_available", mail.available());
        NotifySettings.Webhook webhook = settings.webhook();
        if (webhook == null) {
            body.put("webhook", null);
        } else {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("url", webhook.url());
            w.put("events", webhook.events().stream().map(NotifyEvent::word).toList());
            w.put("secret_created_at", webhook.secretCreatedAt() == null ? null : webhook.secretCreatedAt().toString());
            body.put("webhook", w);
        }
        body.put("updated_at", settings.updatedAt() == null ? null : settings.updatedAt().toString());
        if (newSecret != null) {
            body.put("secret", newSecret);
        }
        return body;
    }

    private Access.Caller me() {
        return access.caller()
                .orElseThrow(() -> JsonErrors.of(401, "unauthorized", "sign in to see your notification settings"));
    }
}
