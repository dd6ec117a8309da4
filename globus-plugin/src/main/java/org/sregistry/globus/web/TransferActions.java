package org.sregistry.globus.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.Access;
import org.sregistry.api.AuditLog;
import org.sregistry.api.FolderNotWritableException;
import org.sregistry.api.ImageName;
import org.sregistry.api.InsufficientStorageException;
import org.sregistry.api.PageRenderer;
import org.sregistry.globus.browse.EndpointIds;
import org.sregistry.globus.browse.EndpointPaths;
import org.sregistry.globus.browse.InvalidInputException;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.connection.GlobusNotConfiguredException;
import org.sregistry.globus.transfers.PushNotAllowedException;
import org.sregistry.globus.transfers.SubmittedTransfer;
import org.sregistry.globus.transfers.Submitter;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferSubmitter;
import org.sregistry.globus.transfers.UnknownImageException;

/**
 * {@code POST /globus/transfer/put/{endpoint_id}} (send registry images to a folder) and
 * {@code POST /globus/transfer/get/{endpoint_id}} (bring a file into the registry). JSON in and out for scripts
 * ({@code {"task_id","message","links"}}); form posts from the browser page answer with a "Transfer submitted"
 * page. Browser sessions need the CSRF token (the host checks it); Basic and bearer callers do not.
 *
 * <p>Each submit is made for the signed-in caller ({@link Access}): a send takes only images they may pull (another
 * is "no such image"), a bring only into a collection they may push to (403). The ledger record keeps their name;
 * each accepted submit is audited as {@code globus.transfer.put} or {@code globus.transfer.get}.
 */
@Path("globus/transfer")
public class TransferActions {
    private static final Logger LOG = LoggerFactory.getLogger(TransferActions.class);

    private final TransferSubmitter submitter;
    private final Templates templates;
    private final PageRenderer pages;
    private final Access access;
    private final AuditLog audit;

    /** Actions over the submitter, for the callers {@code access} names, audited in {@code audit}. */
    public TransferActions(TransferSubmitter submitter, Templates templates, PageRenderer pages, Access access,
                           AuditLog audit) {
        this.submitter = submitter;
        this.templates = templates;
        this.pages = pages;
        this.access = access;
        this.audit = audit;
    }

    /** Push, JSON: {@code {"path": "/~/dir/", "containers": ["collection/name:tag", ...]}}. */
    @POST
    @Path("put/{endpointId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putJson(@PathParam("endpointId") String endpointId, JsonNode body) {
        String id = jsonId(endpointId);
        try {
            JsonNode doc = object(body);
            String path = text(doc, "path");
            SubmittedTransfer done = submitter.push(id, path, list(doc, "containers"), submitter());
            audited(done, id);
            return accepted(done);
        } catch (IOException e) {
            throw staging(e);
        } catch (RuntimeException e) {
            throw JsonErrors.from(e, "sending images", id);
        }
    }

    /**
     * Pull, JSON: {@code {"path": "/~/dir/file.sif", "name": "optional collection/name:tag", "replace": false}};
     * {@code replace} true lets the import replace an image already under the name (default: a free name).
     * Several files in one task: {@code {"files": [{"path": ..., "name": optional}, ...], "replace": false}}.
     */
    @POST
    @Path("get/{endpointId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response getJson(@PathParam("endpointId") String endpointId, JsonNode body) {
        String id = jsonId(endpointId);
        try {
            JsonNode doc = object(body);
            SubmittedTransfer done = doc.has("files")
                    ? submitter.pull(id, files(doc), flag(doc, "replace"), submitter(), null)
                    : submitter.pull(id, text(doc, "path"), text(doc, "name"), flag(doc, "replace"), submitter());
            audited(done, id);
            return accepted(done);
        } catch (IOException e) {
            throw staging(e);
        } catch (RuntimeException e) {
            throw JsonErrors.from(e, "bringing the file", id);
        }
    }

    /** Push from the browser page's form. */
    @POST
    @Path("put/{endpointId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response putForm(@PathParam("endpointId") String endpointId, @FormParam("path") String path,
                            @FormParam("containers") List<String> containers) {
        // a failed push (e.g. consent needed) returns to the folder with the same images ticked
        String selection = containers == null ? null : String.join(",", containers);
        return form(endpointId, path, selection, () -> submitter.push(EndpointIds.check(endpointId), path, containers,
                submitter()));
    }

    /**
     * Pull from the browser page's form: one or several ticked files ({@code path}, repeated) in one task. The
     * optional {@code name} applies when one file is ticked; with several, each name is derived from its file.
     */
    @POST
    @Path("get/{endpointId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response getForm(@PathParam("endpointId") String endpointId, @FormParam("path") List<String> paths,
                            @FormParam("name") String name, @FormParam("replace") String replace) {
        List<String> ticked = paths == null ? List.of() : paths.stream().filter(p -> p != null && !p.isBlank())
                .toList();
        String first = ticked.isEmpty() ? null : ticked.get(0);
        String back = first == null ? null : EndpointPaths.parent(first.endsWith("/") ? first : first + "/");
        boolean replaceExisting = replace != null && !replace.isBlank() && !"false".equalsIgnoreCase(replace);
        if (ticked.size() > 1 && name != null && !name.isBlank()) {
            return problem(400, "A name applies to one file only: with several files ticked, each gets the name "
                    + "derived from its file name (or bring them one by one to name each).", null,
                    EndpointIds.valid(endpointId) ? safeBrowse(endpointId, back, null) : "/globus");
        }
        List<TransferSubmitter.PullFile> files = ticked.stream()
                .map(p -> new TransferSubmitter.PullFile(p, ticked.size() == 1 ? name : null)).toList();
        return form(endpointId, back, null, () -> submitter.pull(EndpointIds.check(endpointId), files,
                replaceExisting, submitter(), null));
    }

    private interface Submit {
        SubmittedTransfer run() throws IOException;
    }

    private Response form(String endpointId, String folder, String selection, Submit submit) {
        String back = EndpointIds.valid(endpointId) ? safeBrowse(endpointId, folder, selection) : "/globus";
        try {
            SubmittedTransfer done = submit.run();
            audited(done, endpointId);
            SubmittedModel model = new SubmittedModel(done.message(), done.taskId(), done.activityLink(),
                    done.globusLink(), back);
            return html(200, done.pending() ? "Transfer not confirmed yet" : "Transfer submitted",
                    templates.render("submitted.jte", model));
        } catch (InvalidInputException | UnknownImageException e) {
            return problem(e instanceof UnknownImageException ? 404 : 400, e.getMessage(), null, back);
        } catch (PushNotAllowedException e) {
            return problem(403, e.getMessage(), null, back);
        } catch (WebApplicationException e) {
            return problem(e.getResponse().getStatus(), e.getMessage(), null, back);
        } catch (GlobusNotConfiguredException e) {
            return problem(409, e.getMessage(), null, back);
        } catch (org.sregistry.globus.transfers.TransferConflictException e) {
            return problem(409, e.getMessage(), null, back);
        } catch (org.sregistry.globus.sharing.SharingException e) {
            return problem(SharingStatus.of(e), "Nothing was sent: " + e.getMessage() + ".", null, back);
        } catch (GlobusApiException e) {
            GlobusProblem p = GlobusProblem.of(e, "the transfer");
            return problem(p.status(), p.message(), p.consent() ? Links.consent(endpointId, back) : null, back);
        } catch (InsufficientStorageException e) {
            LOG.warn("Staging refused: {}", e.getMessage());
            return problem(507, "The staging folder is full: " + e.getMessage() + ". Nothing was staged or sent.",
                    null, back);
        } catch (FolderNotWritableException e) {
            LOG.warn("Staging refused: {}", e.getMessage());
            return problem(507, e.getMessage() + ". Nothing was staged or sent.", null, back);
        } catch (IOException e) {
            LOG.warn("Staging failed: {}", e.toString());
            return problem(500, "The staging folder could not be written: " + e.getMessage(), null, back);
        }
    }

    /** The signed-in caller as a submitter (401 without one: the host lets no anonymous caller this far). */
    private Submitter submitter() {
        Access.Caller caller = access.caller().orElseThrow(() -> JsonErrors.of(401, "unauthorized", "sign in first"));
        return Submitter.of(access, caller);
    }

    /**
     * {@code transfer.put} (target: the images sent) or {@code transfer.get} (target: the collection brought
     * into), with the task, the submission, the endpoint and the paths.
     */
    private void audited(SubmittedTransfer done, String endpointId) {
        var record = done.record();
        boolean put = record.direction() == org.sregistry.globus.transfers.Direction.PUT;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("task", done.taskId() == null ? "pending" : done.taskId());
        details.put("submission", done.submissionId());
        details.put("endpoint", endpointId);
        String target;
        if (put) {
            target = String.join(",", record.items().stream().map(TransferItem::imageUri).toList());
            details.put("endpoint_name", record.destinationEndpointName());
            details.put("images", Integer.toString(record.items().size()));
            details.put("path", record.items().isEmpty() ? "" : record.items().get(0).destinationPath());
        } else {
            target = String.join(",", record.items().stream().map(i -> ImageName.parse(i.imageUri()).collection())
                    .distinct().toList());
            details.put("endpoint_name", record.sourceEndpointName());
            details.put("path", String.join(",", record.items().stream().map(TransferItem::sourcePath).toList()));
            details.put("name", String.join(",", record.items().stream().map(TransferItem::imageUri).toList()));
            if (record.items().size() > 1) {
                details.put("files", Integer.toString(record.items().size()));
            }
        }
        details.values().removeIf(java.util.Objects::isNull);
        audit.record(put ? "transfer.put" : "transfer.get", target, details);
    }

    private static String safeBrowse(String endpointId, String folder, String selection) {
        try {
            return Links.browse(endpointId.toLowerCase(), EndpointPaths.directory(folder), selection);
        } catch (InvalidInputException e) {
            return Links.browse(endpointId.toLowerCase(), null, selection);
        }
    }

    private Response problem(int status, String message, String consentHref, String back) {
        return html(status, "Transfer not submitted", templates.render("problem.jte",
                new ProblemModel("Transfer not submitted", message, consentHref, back)));
    }

    private Response html(int status, String title, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML).entity(pages.render(title, body)).build();
    }

    /**
     * 202 {@code {"task_id","submission_id","pending","message","links"}}; {@code task_id} is null and
     * {@code pending} true while Globus has not confirmed the submit (the registry sends it again by itself).
     */
    private static Response accepted(SubmittedTransfer done) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("activity", done.activityLink());
        links.put("globus", done.globusLink());
        links.put("api", "/api" + done.activityLink());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task_id", done.taskId());
        body.put("submission_id", done.submissionId());
        body.put("pending", done.pending());
        body.put("message", done.message());
        body.put("links", links);
        return Response.status(202).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static String jsonId(String endpointId) {
        try {
            return EndpointIds.check(endpointId);
        } catch (InvalidInputException e) {
            throw JsonErrors.of(400, "bad_request", e.getMessage());
        }
    }

    private static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("expected a JSON object");
        }
        return body;
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException("'" + field + "' must be a string");
        }
        return value.asText();
    }

    private static boolean flag(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException("'" + field + "' must be true or false");
        }
        return value.asBoolean();
    }

    private static List<TransferSubmitter.PullFile> files(JsonNode doc) {
        JsonNode value = doc.get("files");
        if (value == null || !value.isArray()) {
            throw new InvalidInputException("'files' must be a list of {\"path\", \"name\"} objects");
        }
        List<TransferSubmitter.PullFile> out = new ArrayList<>();
        value.forEach(v -> {
            if (!v.isObject()) {
                throw new InvalidInputException("'files' must hold {\"path\", \"name\"} objects");
            }
            out.add(new TransferSubmitter.PullFile(text(v, "path"), text(v, "name")));
        });
        return out;
    }

    private static List<String> list(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        if (value == null || !value.isArray()) {
            throw new InvalidInputException("'" + field + "' must be a list of image names");
        }
        List<String> out = new ArrayList<>();
        value.forEach(v -> {
            if (!v.isTextual()) {
                throw new InvalidInputException("'" + field + "' must hold strings");
            }
            out.add(v.asText());
        });
        return out;
    }

    private static RuntimeException staging(IOException e) {
        if (e instanceof InsufficientStorageException || e instanceof FolderNotWritableException) {
            return new WebApplicationException(e); // the host answers it: 507 naming the folder, like every 507
        }
        LOG.warn("Staging failed: {}", e.toString());
        return JsonErrors.of(500, "staging_failed", "the staging folder could not be written: " + e.getMessage());
    }
}
