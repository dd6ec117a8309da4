package org.sregistry.host.web.pages;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.sregistry.host.config.Durations;
import org.sregistry.registry.oci.GarbageCollector;

/**
 * The "Storage clean-up" section of {@code /settings}.
 *
 * @param interval the interval between runs ({@code REGISTRY_GC_INTERVAL})
 * @param grace    the grace period ({@code REGISTRY_GC_GRACE})
 * @param lastRun  the last run since the start, or null
 * @param dryRun   a dry run just made, or null
 */
public record CleanupModel(String interval, String grace, Report lastRun, Report dryRun) {

    /** The reports to show: the last run, then the dry run, those there are. */
    public List<Report> reports() {
        List<Report> reports = new ArrayList<>();
        if (lastRun != null) {
            reports.add(lastRun);
        }
        if (dryRun != null) {
            reports.add(dryRun);
        }
        return reports;
    }

    /**
     * One report as the page shows it.
     *
     * @param id        the element id: {@code cleanup-last-run} or {@code cleanup-dry-run}
     * @param title     its heading
     * @param dryRun    true for a dry run
     * @param startedAt when it started (UTC, seconds)
     * @param took      how long it took
     * @param grace     the grace period it used
     * @param summary   one line with the counts
     * @param rows      label and value
     * @param items     the first removals
     * @param truncated true when there were more than {@code items}
     */
    public record Report(String id, String title, boolean dryRun, String startedAt, String took, String grace, String summary, List<Row> rows,
                         List<String> items, boolean truncated) {
    }

    /** A label and its value. */
    public record Row(String label, String value) {
    }

    static CleanupModel of(Duration interval, Duration grace, GarbageCollector.Report last,
                           GarbageCollector.Report dry) {
        return new CleanupModel(Durations.format(interval), Durations.format(grace), view(last), view(dry));
    }

    private static Report view(GarbageCollector.Report r) {
        if (r == null) {
            return null;
        }
        String verb = r.dryRun() ? "would be removed" : "removed";
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Upload sessions not touched for the grace period, " + verb, Long.toString(r.uploadSessions())));
        rows.add(new Row("Upload files without a session, " + verb, Long.toString(r.orphanUploadFiles())));
        rows.add(new Row("Space of those upload files", Sizes.human(r.uploadBytes())));
        rows.add(new Row("Repository links to blobs no manifest of the repository uses, " + verb,
                Long.toString(r.links())));
        rows.add(new Row("Blobs nothing refers to, " + verb, r.blobs() + " (" + Sizes.human(r.blobBytes()) + ")"));
        if (!r.dryRun()) {
            rows.add(new Row("Blobs kept because a push referred to them again meanwhile", Long.toString(r.blobsKept())));
        }
        rows.add(new Row("Untagged manifests (kept: clients pull by digest)", Long.toString(r.untaggedManifests())));
        if (r.errors() > 0) {
            rows.add(new Row("Removals that failed (see the log)", Long.toString(r.errors())));
        }
        List<String> items = r.items().stream().map(CleanupModel::item).toList();
        return new Report(r.dryRun() ? "cleanup-dry-run" : "cleanup-last-run",
                r.dryRun() ? "Dry run now (nothing was removed)" : "Last run", r.dryRun(), r.startedAt().truncatedTo(ChronoUnit.SECONDS).toString(), r.took().toMillis() + " ms",
                Durations.format(r.grace()), r.summary(), rows, items, r.itemsTruncated());
    }

    private static String item(GarbageCollector.Item i) {
        return switch (i.kind()) {
            case UPLOAD_SESSION -> "upload session " + i.id() + " in " + i.repository() + " (" + Sizes.human(i.bytes()) + ")";
            case ORPHAN_UPLOAD_FILE -> "upload file " + i.id() + " (" + Sizes.human(i.bytes()) + ")";
            case LINK -> "link " + i.repository() + "@" + i.id();
            case BLOB -> "blob " + i.id() + " (" + Sizes.human(i.bytes()) + ")";
        };
    }
}
