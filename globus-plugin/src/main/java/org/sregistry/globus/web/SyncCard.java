package org.sregistry.globus.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.Access;
import org.sregistry.api.PageRenderer;
import org.sregistry.globus.browse.InvalidInputException;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.connection.Connection;
import org.sregistry.globus.endpoints.EndpointDirectory;
import org.sregistry.globus.endpoints.EndpointRow;
import org.sregistry.globus.sync.SyncRule;
import org.sregistry.globus.sync.SyncRules;
import org.sregistry.globus.sync.SyncRun;

/**
 * Renders the "Scheduled sync" card for the signed-in caller (nothing for an anonymous one), read from the plugin
 * store without calling Globus, and the "New sync rule" form, whose destination is chosen from the caller's own and
 * shared collections (from the endpoint directory's short cache).
 */
final class SyncCard {
    private static final Logger LOG = LoggerFactory.getLogger(SyncCard.class);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SyncRules rules;
    private final Access access;
    private final CallerConnection mine;
    private final EndpointDirectory directory;
    private final PageRenderer pages;
    private final Templates templates;

    SyncCard(SyncRules rules, Access access, CallerConnection mine, EndpointDirectory directory, PageRenderer pages,
             Templates templates) {
        this.rules = rules;
        this.access = access;
        this.mine = mine;
        this.directory = directory;
        this.pages = pages;
        this.templates = templates;
    }

    /** The caller's card, or "" when nobody is signed in. */
    String html() {
        return access.caller().map(me -> html(model(me))).orElse("");
    }

    /** The card of {@code me}. */
    SyncModel model(Access.Caller me) {
        return new SyncModel(pages.csrfField(), me.admin(), rules.visibleTo(me).stream().map(SyncCard::row).toList(),
                null);
    }

    /** The card for {@code model}. */
    String html(SyncModel model) {
        return templates.render("sync.jte", model);
    }

    /** The form with {@code form} filled in and {@code error} (may be null). */
    String form(SyncFormModel.Form form, String error) {
        List<SyncFormModel.Choice> choices = new ArrayList<>();
        String note = null;
        try {
            for (EndpointRow endpoint : endpoints()) {
                choices.add(new SyncFormModel.Choice(endpoint.id(), endpoint.name(),
                        endpoint.id().equals(form.endpointId())));
            }
            if (choices.isEmpty()) {
                note = "No Globus collections of yours were found: type the destination's collection id.";
            }
        } catch (GlobusApiException | InvalidInputException | jakarta.ws.rs.WebApplicationException e) {
            LOG.debug("Collections for the sync form could not be listed: {}", e.toString());
            note = "Your Globus collections could not be listed (connect your Globus identity first): type the "
                    + "destination's collection id.";
        }
        return templates.render("syncform.jte", new SyncFormModel(pages.csrfField(), choices, note, form, error));
    }

    /** The display name of the caller's collection {@code id}, when the directory lists it. */
    Optional<String> endpointName(String id) {
        try {
            return endpoints().stream().filter(e -> e.id().equalsIgnoreCase(id == null ? "" : id.trim()))
                    .map(EndpointRow::name).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty(); // the first transfer tells the rule its name
        }
    }

    /** The caller's own and shared collections, but the registry's own. */
    private List<EndpointRow> endpoints() {
        Connection me = mine.get();
        if (!me.hasTransferToken()) {
            return List.of();
        }
        return directory.find(me, null, null, false).rows().stream().filter(e -> !e.registryEndpoint()).toList();
    }

    private static SyncModel.Row row(SyncRule rule) {
        ZoneId zone = ZoneId.of(rule.schedule().zone());
        SyncRun last = rule.lastRun();
        String key = last == null ? null : last.taskId() != null ? last.taskId() : last.submissionId();
        return new SyncModel.Row(rule.id(), rule.owner(), rule.match(), rule.destination(),
                rule.schedule().describe(), rule.enabled(),
                rule.enabled() ? shown(rule.nextRunAt(), zone) : "off",
                last == null ? "never run" : last.result(), last == null ? "" : last.message(),
                last == null ? "" : shown(last.finishedAt() != null ? last.finishedAt() : last.startedAt(), zone),
                key == null ? null : "/globus/tasks/" + Links.enc(key));
    }

    private static String shown(Instant at, ZoneId zone) {
        return at == null ? "" : SHOWN.format(at.atZone(zone)) + " " + zone.getId();
    }
}
