package org.sregistry.globus.notify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One notification to deliver ({@link Outbox}): to whom, on which channel, what, and how delivery went so far.
 *
 * @param channel   e-mail or webhook
 * @param user      the registry user it is for
 * @param event     how the transfer ended
 * @param notice    what to say
 * @param attempts  delivery attempts started so far
 * @param nextAt    when the next attempt is due (while one runs: when it counts as abandoned)
 * @param lastError why the last attempt failed, or null
 * @param sentAt    when it was delivered, or null
 * @param gaveUpAt  when delivery was given up ({@link Backoff#MAX_ATTEMPTS}, or the channel was turned off), or null
 * @param createdAt when the transfer closed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutboxEntry(@JsonProperty("channel") Channel channel, @JsonProperty("user") String user,
                          @JsonProperty("event") NotifyEvent event, @JsonProperty("notice") TransferNotice notice,
                          @JsonProperty("attempts") int attempts, @JsonProperty("next_at") Instant nextAt,
                          @JsonProperty("last_error") String lastError, @JsonProperty("sent_at") Instant sentAt,
                          @JsonProperty("gave_up_at") Instant gaveUpAt, @JsonProperty("created_at") Instant createdAt) {

    /** A new entry, due at once. */
    public static OutboxEntry due(Channel channel, TransferNotice notice, Instant now) {
        return new OutboxEntry(channel, notice.user(), notice.event(), notice, 0, now, null, null, null, now);
    }

    /** True until it was delivered or given up. */
    @JsonIgnore
    public boolean pending() {
        return sentAt == null && gaveUpAt == null;
    }

    /** True when pending and due at {@code now}. */
    public boolean dueAt(Instant now) {
        return pending() && (nextAt == null || !nextAt.isAfter(now));
    }

    /** One more attempt under way; another process leaves it alone until {@code leaseUntil}. */
    public OutboxEntry attempting(Instant leaseUntil) {
        return new OutboxEntry(channel, user, event, notice, attempts + 1, leaseUntil, lastError, sentAt, gaveUpAt,
                createdAt);
    }

    /** Delivered. */
    public OutboxEntry sent(Instant now) {
        return new OutboxEntry(channel, user, event, notice, attempts, null, lastError, now, gaveUpAt, createdAt);
    }

    /** The attempt failed; tried again at {@code retryAt}. */
    public OutboxEntry failed(String error, Instant retryAt) {
        return new OutboxEntry(channel, user, event, notice, attempts, retryAt, error, sentAt, gaveUpAt, createdAt);
    }

    /** Not delivered, and not tried again. */
    public OutboxEntry gaveUp(String error, Instant now) {
        return new OutboxEntry(channel, user, event, notice, attempts, null, error, sentAt, now, createdAt);
    }
}
