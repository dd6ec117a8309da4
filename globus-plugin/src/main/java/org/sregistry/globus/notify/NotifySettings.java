package org.sregistry.globus.notify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One user's notification settings ({@link NotifySettingsStore}, kind {@code globus-notify}, key = the registry
 * user name).
 *
 * @param email     e-mail the user when a transfer they started ends (both events)
 * @param webhook   the user's webhook, or null
 * @param updatedAt when the user last saved them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotifySettings(@JsonProperty("email") boolean email, @JsonProperty("webhook") Webhook webhook,
                             @JsonProperty("updated_at") Instant updatedAt) {

    /** No notifications. */
    public static NotifySettings none() {
        return new NotifySettings(false, null, null);
    }

    /** True when {@code event} goes to {@code channel}. */
    public boolean wants(Channel channel, NotifyEvent event) {
        return switch (channel) {
            case EMAIL -> email;
            case WEBHOOK -> webhook != null && webhook.events().contains(event);
        };
    }

    /**
     * A webhook.
     *
     * @param url             http or https URL the registry POSTs to
     * @param events          which endings are sent
     * @param sealedSecret    the signing secret, sealed with the host's {@code Secrets} (never shown again)
     * @param secretCreatedAt when the secret was made (shown, so the user knows which one is current)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Webhook(@JsonProperty("url") String url, @JsonProperty("events") List<NotifyEvent> events,
                          @JsonProperty("secret") String sealedSecret,
                          @JsonProperty("secret_created_at") Instant secretCreatedAt) {
        public Webhook {
            events = events == null ? List.of() : events.stream().filter(e -> e != null).distinct().sorted().toList();
        }

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", events=" + events + ", secret=***]";
        }
    }
}
