package org.sregistry.globus.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.sregistry.api.PageRenderer;
import org.sregistry.globus.browse.EndpointIds;
import org.sregistry.globus.transfers.ProgressRefresher;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * {@code /globus/tasks}: the transfers this registry submitted (from the ledger), newest first, and
 * {@code /globus/tasks/{task_id}}. While a task is active the list reloads itself every 2 s through htmx
 * ({@code ?fragment=1} answers only the list); each reload refreshes due tasks' progress from Globus (at most
 * once per task every few seconds). Polling stops when nothing is active.
 */
@Path("globus/tasks")
@Produces(MediaType.TEXT_HTML)
public class ActivityPage {
    /** Records per page. */
    static final int PAGE = 50;

    private final TransferLedger ledger;
    private final ProgressRefresher refresher;
    private final Templates templates;
    private final PageRenderer pages;

    /** The page over the ledger. */
    public ActivityPage(TransferLedger ledger, ProgressRefresher refresher, Templates templates, PageRenderer pages) {
        this.ledger = ledger;
        this.refresher = refresher;
        this.templates = templates;
        this.pages = pages;
    }

    /** All transfers (a page of {@value #PAGE}), or only the list for htmx. */
    @GET
    public String list(@QueryParam("fragment") String fragment, @QueryParam("offset") Integer offset) {
        int from = offset == null || offset < 0 ? 0 : Math.min(offset, 1_000_000);
        List<TransferRecord> records = refresher.refresh(ledger.list(PAGE + 1, from));
        boolean more = records.size() > PAGE;
        List<TaskView> views = records.stream().limit(PAGE).map(TaskView::of).toList();
        boolean live = views.stream().anyMatch(TaskView::changing);
        String self = "/globus/tasks?fragment=1" + (from == 0 ? "" : "&offset=" + from);
        ActivityModel model = new ActivityModel(views, live ? self : null, false,
                more ? "/globus/tasks?offset=" + (from + PAGE) : null);
        String rows = templates.render("taskslist.jte", model);
        if ("1".equals(fragment)) {
            return rows;
        }
        return pages.render("Globus activity", templates.render("activity.jte", model));
    }

    /** One transfer. */
    @GET
    @Path("{taskId}")
    public Response one(@PathParam("taskId") String taskId, @QueryParam("fragment") String fragment) {
        if (!EndpointIds.valid(taskId)) {
            return Response.status(400).entity(pages.render("Globus activity", templates.render("problem.jte",
                    new ProblemModel("Not a task id", "Globus task ids are UUIDs.", null, "/globus/tasks"))))
                    .build();
        }
        TransferRecord record = ledger.get(taskId.toLowerCase()).orElse(null);
        if (record == null) {
            return Response.status(404).entity(pages.render("Globus activity", templates.render("problem.jte",
                    new ProblemModel("Unknown transfer", "This registry has no record of task " + taskId + ".", null,
                            "/globus/tasks")))).build();
        }
        TaskView view = TaskView.of(refresher.refresh(record));
        ActivityModel model = new ActivityModel(List.of(view),
                view.changing() ? "/globus/tasks/" + view.taskId() + "?fragment=1" : null, true, null);
        String rows = templates.render("taskslist.jte", model);
        if ("1".equals(fragment)) {
            return Response.ok(rows).build();
        }
        return Response.ok(pages.render("Globus transfer", templates.render("activity.jte", model))).build();
    }
}
