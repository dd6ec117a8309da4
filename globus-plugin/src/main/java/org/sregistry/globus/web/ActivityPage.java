package org.sregistry.globus.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jakarta.ws.rs.HeaderParam;
import org.sregistry.api.Access;
import org.sregistry.api.PageRenderer;
import org.sregistry.globus.browse.InvalidInputException;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.connection.GlobusNotConfiguredException;
import org.sregistry.globus.transfers.PushNotAllowedException;
import org.sregistry.globus.transfers.Submitter;
import org.sregistry.globus.transfers.UnknownImageException;
import org.sregistry.globus.browse.EndpointIds;
import org.sregistry.globus.imports.QuarantineActions;
import org.sregistry.globus.transfers.ProgressRefresher;
import org.sregistry.globus.transfers.SubmitIntents;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * {@code /globus/tasks}: submits not confirmed yet (from the intents), then the transfers this registry submitted
 * (from the ledger), newest first, and {@code /globus/tasks/{id}} (a task id, or the submission id of a submit that
 * has no task). While a task is active the list reloads itself every 2 s through htmx ({@code ?fragment=1} answers
 * only the list); each reload refreshes due tasks' progress from Globus (at most once per task every few seconds).
 * Polling stops when nothing changes by itself any more (a quarantined file waits for Retry or Discard:
 * {@code POST /globus/tasks/{id}/items/{index}/retry|discard}, CSRF-checked by the host like every form).
 * A task's page also shows its Globus event list in plain words, and offers Cancel ({@code POST
 * /globus/tasks/{id}/cancel}) while it is active and Retry ({@code POST /globus/tasks/{id}/retry}) once it
 * failed or was canceled ({@link TaskSteering}).
 */
@Path("globus/tasks")
@Produces(MediaType.TEXT_HTML)
public class ActivityPage {
    /** Records per page. */
    static final int PAGE = 50;

    private final TransferLedger ledger;
    private final SubmitIntents intents;
    private final ProgressRefresher refresher;
    private final QuarantineActions quarantine;
    private final Templates templates;
    private final PageRenderer pages;
    private final TaskSteering steering;
    private final TaskEvents events;
    private final Access access;
    private final TransferVisibility visibility;

    /** The page over the ledger, with Cancel and Retry ({@code steering}) and the tasks' {@code events}. */
    public ActivityPage(TransferLedger ledger, SubmitIntents intents, ProgressRefresher refresher,
                        QuarantineActions quarantine, Templates templates, PageRenderer pages, TaskSteering steering,
                        TaskEvents events, Access access) {
        this.ledger = ledger;
        this.intents = intents;
        this.refresher = refresher;
        this.quarantine = quarantine;
        this.templates = templates;
        this.pages = pages;
        this.steering = steering;
        this.events = events;
        this.access = access;
        this.visibility = new TransferVisibility(access, ledger, intents);
    }

    /** All transfers (a page of {@value #PAGE}), or only the list for htmx. */
    @GET
    public String list(@QueryParam("fragment") String fragment, @QueryParam("offset") Integer offset) {
        int from = offset == null || offset < 0 ? 0 : Math.min(offset, 1_000_000);
        List<TransferRecord> records = refresher.refresh(visibility.page(PAGE + 1, from));
        boolean more = records.size() > PAGE;
        List<TaskView> views = new ArrayList<>();
        if (from == 0) {
            visibility.intents(PAGE).forEach(i -> views.add(TaskView.of(i)));
        }
        records.stream().limit(PAGE).map(TaskView::of).forEach(views::add);
        boolean live = views.stream().anyMatch(TaskView::changing);
        String self = "/globus/tasks?fragment=1" + (from == 0 ? "" : "&offset=" + from);
        ActivityModel model = new ActivityModel(views, live ? self : null, false,
                more ? "/globus/tasks?offset=" + (from + PAGE) : null, pages.csrfField());
        String rows = templates.render("taskslist.jte", model);
        if ("1".equals(fragment)) {
            return rows;
        }
        return pages.render("Globus activity", templates.render("activity.jte", model));
    }

    /** One transfer. */
    @GET
    @Path("{id}")
    public Response one(@PathParam("id") String id, @QueryParam("fragment") String fragment) {
        if (!EndpointIds.valid(id)) {
            return problem(400, "Not a task id", "Globus task ids are UUIDs.");
        }
        Optional<TaskView> found = find(id.toLowerCase());
        if (found.isEmpty()) {
            return problem(404, "Unknown transfer", "This registry has no record of task " + id + ".");
        }
        return Response.ok(single(found.get(), "1".equals(fragment), null)).build();
    }

    /** One transfer's page (or its fragment), with its events and an optional notice. */
    private String single(TaskView view, boolean fragment, String notice) {
        TaskEvents.Listing listing = view.taskId() == null ? TaskEvents.Listing.NONE
                : events.of(view.taskId(), !view.active());
        ActivityModel model = new ActivityModel(List.of(view),
                view.changing() ? view.href() + "?fragment=1" : null, true, null, pages.csrfField(), listing, notice);
        String rows = templates.render("taskslist.jte", model);
        if (fragment) {
            return rows;
        }
        return pages.render("Globus transfer", templates.render("activity.jte", model));
    }

    /**
     * Cancel the transfer's Globus task (form post, CSRF-checked by the host). Answers the transfer's page (or, for
     * htmx, its fragment) with what happened: canceled, or "had already finished" ({@code TaskComplete}).
     */
    @POST
    @Path("{id}/cancel")
    public Response cancel(@PathParam("id") String id, @HeaderParam("HX-Request") String htmx) {
        if (!EndpointIds.valid(id)) {
            return problem(400, "Not a task id", "Globus task ids are UUIDs.");
        }
        String key = id.toLowerCase();
        if (!visibility.exists(key)) {
            return problem(404, "Unknown transfer", "This registry has no record of task " + id + ".");
        }
        String by = access.caller().map(Access.Caller::username).orElse("someone");
        TaskSteering.Outcome outcome;
        try {
            outcome = steering.cancel(key, by);
        } catch (GlobusApiException e) {
            return problem(GlobusProblem.of(e, "canceling the task").status(), "Cancel failed",
                    GlobusProblem.of(e, "canceling the task").message());
        }
        return steered(outcome, "Cancel", htmx != null);
    }

    /**
     * Retry a failed, canceled or refused send or bring: a new submission of the same items (form post, CSRF-checked
     * by the host). Answers the new transfer's page (or, for htmx, its fragment) saying so.
     */
    @POST
    @Path("{id}/retry")
    public Response retryTask(@PathParam("id") String id, @HeaderParam("HX-Request") String htmx) {
        if (!EndpointIds.valid(id)) {
            return problem(400, "Not a task id", "Globus task ids are UUIDs.");
        }
        Access.Caller caller = access.caller().orElse(null);
        if (caller == null) {
            return problem(401, "Sign in first", "Retry needs a signed-in user.");
        }
        if (!visibility.exists(id.toLowerCase())) {
            return problem(404, "Unknown transfer", "This registry has no record of task " + id + ".");
        }
        TaskSteering.Outcome outcome;
        try {
            outcome = steering.retry(id.toLowerCase(), Submitter.of(access, caller));
        } catch (GlobusApiException e) {
            GlobusProblem p = GlobusProblem.of(e, "the retry");
            return problem(p.status(), "Retry not submitted", p.message());
        } catch (PushNotAllowedException e) {
            return problem(403, "Retry not submitted", e.getMessage());
        } catch (UnknownImageException | InvalidInputException | GlobusNotConfiguredException
                 | org.sregistry.globus.transfers.TransferConflictException e) {
            return problem(409, "Retry not submitted", e.getMessage());
        } catch (org.sregistry.globus.sharing.SharingException e) {
            return problem(SharingStatus.of(e), "Retry not submitted", e.getMessage());
        } catch (java.io.IOException e) {
            return problem(e instanceof org.sregistry.api.InsufficientStorageException ? 507 : 500,
                    "Retry not submitted", "The staging folder could not be written: " + e.getMessage());
        }
        return steered(outcome, "Retry", htmx != null);
    }

    private Response steered(TaskSteering.Outcome outcome, String what, boolean fragment) {
        return switch (outcome.kind()) {
            case UNKNOWN -> problem(404, "Unknown transfer", outcome.message());
            case NOT_POSSIBLE -> problem(409, what + " not possible", outcome.message());
            default -> find(outcome.key())
                    .map(v -> Response.ok(single(v, fragment, outcome.message())).build())
                    .orElseGet(() -> problem(200, what, outcome.message()));
        };
    }

    /** Retry a quarantined file now (form post); back to the transfer's page. */
    @POST
    @Path("{id}/items/{index}/retry")
    public Response retry(@PathParam("id") String id, @PathParam("index") int index) {
        return act(id, index, quarantine::retry, "Retry");
    }

    /** Discard a quarantined file: its bytes are deleted (form post, confirmed in the browser). */
    @POST
    @Path("{id}/items/{index}/discard")
    public Response discard(@PathParam("id") String id, @PathParam("index") int index) {
        return act(id, index, quarantine::discard, "Discard");
    }

    private interface Action {
        QuarantineActions.Result apply(String key, int index);
    }

    private Response act(String id, int index, Action action, String what) {
        if (!EndpointIds.valid(id)) {
            return problem(400, "Not a task id", "Globus task ids are UUIDs.");
        }
        String key = id.toLowerCase();
        if (!visibility.exists(key)) {
            return problem(404, "Unknown file", "This registry has no such file in transfer " + key + ".");
        }
        return switch (action.apply(key, index)) {
            case DONE -> Response.seeOther(URI.create("/globus/tasks/" + key)).build();
            case NOT_QUARANTINED -> problem(409, what + " not possible", "That file is not in quarantine (any more): "
                    + "it was imported or discarded meanwhile.");
            case UNKNOWN -> problem(404, "Unknown file", "This registry has no such file in transfer " + key + ".");
        };
    }

    private Optional<TaskView> find(String key) {
        Optional<TransferRecord> record = visibility.record(key);
        if (record.isPresent()) {
            return Optional.of(TaskView.of(refresher.refresh(record.get())));
        }
        return visibility.intent(key).map(TaskView::of);
    }

    private Response problem(int status, String title, String text) {
        return Response.status(status).entity(pages.render("Globus activity", templates.render("problem.jte",
                new ProblemModel(title, text, null, "/globus/tasks")))).build();
    }
}
