package org.sregistry.globus.notify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/** How a transfer the user started ended, as notifications name it ({@code succeeded}, {@code failed}). */
public enum NotifyEvent {
    /** Every file arrived and was imported (a Bring), or was sent (a Send). */
    SUCCEEDED,
    /** Anything else: Globus failed or the task was canceled, a file could not be imported, the submit never went. */
    FAILED;

    /** The word in settings, outbox keys, webhook payloads and headers. */
    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The event a word names, if any. */
    public static Optional<NotifyEvent> parse(String word) {
        return Arrays.stream(values()).filter(e -> e.word().equals(word)).findFirst();
    }

    @JsonCreator
    static NotifyEvent fromJson(String word) {
        return parse(word).orElse(null);
    }

    /**
     * The events {@code words} name.
     *
     * @throws InvalidNotifySettingsException for an unknown word or none at all
     */
    public static Set<NotifyEvent> parseAll(List<String> words) {
        Set<NotifyEvent> events = EnumSet.noneOf(NotifyEvent.class);
        for (String word : words == null ? List.<String>of() : words) {
            events.add(parse(word == null ? "" : word.trim()).orElseThrow(() -> new InvalidNotifySettingsException(
                    "webhook.events", "'" + word + "' is not an event; use succeeded and/or failed")));
        }
        if (events.isEmpty()) {
            throw new InvalidNotifySettingsException("webhook.events", "choose at least one of succeeded, failed");
        }
        return events;
    }

    /** How the closed {@code record} ended. */
    public static NotifyEvent of(TransferRecord record) {
        boolean allDone = !record.items().isEmpty() && record.items().stream().map(TransferItem::state)
                .allMatch(s -> s == ItemState.IMPORTED || s == ItemState.CLEANED);
        return allDone ? SUCCEEDED : FAILED;
    }
}
