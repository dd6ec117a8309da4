package org.sregistry.globus.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.EventPage;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.TaskEvent;
import org.sregistry.globus.client.TransferClient;

/**
 * A task's event list ({@code GET /task/{id}/event_list}, newest first, the first {@value #LIMIT}) for the task's
 * page, each event with a short plain sentence for the common codes beside Globus's own code, description, details
 * and time. Read at most every {@link #ACTIVE_TTL} per active task while its page polls, once for a finished one
 * (its events no longer change). Everything here comes from Globus: the template escapes it.
 */
public final class TaskEvents {
    private static final Logger LOG = LoggerFactory.getLogger(TaskEvents.class);
    /** Most events shown. */
    static final int LIMIT = 100;
    /** An active task's events are read again after this long. */
    static final Duration ACTIVE_TTL = Duration.ofSeconds(5);

    /**
     * One event as the page shows it.
     *
     * @param code        Globus's code (kept visible)
     * @param plain       the code in plain words
     * @param description Globus's description
     * @param details     Globus's details (often JSON), or null
     * @param time        when, or a dash
     * @param error       {@code is_error}
     */
    public record Event(String code, String plain, String description, String details, String time, boolean error) {
    }

    /**
     * The events, or why they could not be read.
     *
     * @param events  newest first
     * @param total   how many Globus has (may exceed the events shown)
     * @param problem null, or why Globus did not give them
     */
    public record Listing(List<Event> events, int total, String problem) {
        /** Nothing to show (a submit without a task). */
        public static final Listing NONE = new Listing(List.of(), 0, null);
    }

    private record Cached(Listing listing, Instant at, boolean finished) {
    }

    private final Function<String, TransferClient> client;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** Events read with {@code client}. */
    public TaskEvents(Function<String, TransferClient> client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** The events of {@code taskId}; {@code finished}: the task has ended, its list is final. */
    public Listing of(String taskId, boolean finished) {
        if (taskId == null) {
            return Listing.NONE;
        }
        Instant now = clock.instant();
        Cached hit = cache.get(taskId);
        // a list read while the task was active is read again once it has ended (its last events are the news)
        if (hit != null && (hit.finished() || (!finished && now.isBefore(hit.at().plus(ACTIVE_TTL))))) {
            return hit.listing();
        }
        try {
            EventPage page = client.apply(taskId).eventListPage(taskId, null, 0, LIMIT);
            List<Event> events = page.data().stream().map(TaskEvents::event).toList();
            Listing listing = new Listing(events, page.total() == null ? events.size() : page.total(), null);
            if (cache.size() > 500) {
                cache.clear();
            }
            cache.put(taskId, new Cached(listing, now, finished));
            return listing;
        } catch (GlobusApiException e) {
            LOG.debug("Cannot read the events of task {}: {}", taskId, e.getMessage());
            return new Listing(List.of(), 0, "Globus did not give the task's events ("
                    + GlobusProblem.of(e, "reading the task's events").message() + ")");
        }
    }

    private static Event event(TaskEvent e) {
        boolean error = Boolean.TRUE.equals(e.isError());
        return new Event(e.code() == null ? "UNKNOWN" : e.code(), plain(e.code(), error), e.description(),
                e.details() == null || e.details().isBlank() ? null : e.details(),
                Formats.time(e.time()), error);
    }

    /** A short plain sentence for an event code (task_events and the Globus staff list of error codes). */
    static String plain(String code, boolean error) {
        String c = code == null ? "" : code.toUpperCase(Locale.ROOT);
        return switch (c) {
            case "STARTED" -> "Globus started the transfer.";
            case "PROGRESS" -> "Globus reported progress.";
            case "SUCCEEDED" -> "The transfer finished: every file arrived.";
            case "CANCELED" -> "The transfer was canceled.";
            case "EXPIRED", "DEADLINE_EXCEEDED" -> "The deadline passed before the transfer finished.";
            case "PAUSED" -> "An endpoint administrator paused the transfer.";
            case "UNPAUSED" -> "The transfer was resumed.";
            case "RESTARTED" -> "The transfer was restarted.";
            case "SKIPPED_ERRORS" -> "Some files were skipped because of errors.";
            case "DELETE_DESTINATION_EXTRA_SKIPPED" -> "Extra files at the destination were not deleted.";
            case "PERMISSION_DENIED" -> "Permission denied: an endpoint refused access to a file or folder.";
            case "FILE_NOT_FOUND" -> "A file or folder was not found.";
            case "QUOTA_EXCEEDED" -> "The destination's quota is exceeded.";
            case "NO_SPACE_LEFT" -> "The destination has no space left.";
            case "CONNECT_FAILED" -> "Globus could not connect to an endpoint; it keeps trying.";
            case "ENDPOINT_TOO_BUSY" -> "An endpoint is too busy; Globus keeps trying.";
            case "GC_NOT_CONNECTED" -> "Globus Connect Personal is not connected; the transfer waits for it.";
            case "GC_PAUSED" -> "Globus Connect Personal is paused; the transfer waits for it.";
            case "VERIFY_CHECKSUM", "CHECKSUM_MISMATCH" ->
                    "A file's checksum did not match after copying (checksum verification); Globus copies it again.";
            case "EXTERNAL_CHECKSUM_MISMATCH" -> "A file's checksum did not match the one given with the submit.";
            case "TIMEOUT" -> "An endpoint did not answer in time; Globus keeps trying.";
            case "AUTH", "NO_CREDENTIALS" -> "An endpoint needs new credentials or consent before the transfer goes on.";
            case "ACL_CHANGED" -> "The permissions on a collection changed during the transfer.";
            case "LIMIT_EXCEEDED" -> "A Globus limit was exceeded.";
            case "ENDPOINT_NOT_FOUND" -> "An endpoint of this transfer no longer exists.";
            case "GENERAL_FAILURE", "UNKNOWN" -> "Globus reported an error it did not name.";
            default -> error ? "Globus reported an error." : "Globus reported an event.";
        };
    }
}
