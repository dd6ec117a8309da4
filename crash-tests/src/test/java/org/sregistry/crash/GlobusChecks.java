package org.sregistry.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.sregistry.crash.Figures.Count;

/**
 * The end of the run, once no more kills come: every acknowledged pull imported exactly once under its requested
 * name with the cluster file's bytes (found by its {@code globus.source_path}), every unacknowledged one imported at
 * most once and never under another name, every acknowledged transfer on the activity API with its pushed files on
 * the cluster, and nothing left in the staging folder.
 */
final class GlobusChecks {
    /**
     * How long a staged file may outlive everything else: the registry resends a submit whose answer a kill cut
     * after 15 s untouched, and abandons a staging a kill cut after 45 s (PendingSubmits), then needs a round or two.
     */
    private static final Duration CALM = Duration.ofSeconds(60);

    private final TrackedTransfers transfers;
    private final SimulatedGlobus globus;
    private final Figures figures;

    GlobusChecks(TrackedTransfers transfers, SimulatedGlobus globus, Figures figures) {
        this.transfers = transfers;
        this.globus = globus;
        this.figures = figures;
    }

    /**
     * Waits until every acknowledged pull has its image, every acknowledged transfer's record says done and the
     * staging folder is empty; at most {@code bound}, and at most {@value #CALM} once only the staging folder is left.
     */
    Duration settle(RegistryApi api, Duration bound) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long calmSince = -1;
        Set<String> done = new HashSet<>();
        while (true) {
            Map<String, List<JsonNode>> bySource = bySource(Images.of(api.listAll()));
            boolean pullsIn = transfers.pulls().stream()
                    .allMatch(p -> !p.acknowledged() || bySource.containsKey(p.sourcePath));
            boolean recordsDone = true;
            for (String task : acknowledgedTasks()) {
                if (!done.contains(task)) {
                    RegistryApi.Answer a = api.get("/api/globus/tasks/" + task);
                    if (a.status() == 404 || a.status() == 200 && a.json().path("done").asBoolean()) {
                        done.add(task);
                    } else {
                        recordsDone = false;
                    }
                }
            }
            long now = System.nanoTime();
            Duration elapsed = Duration.ofNanos(now - start);
            if (pullsIn && recordsDone) {
                if (stagedFiles().isEmpty()) {
                    return elapsed;
                }
                calmSince = calmSince < 0 ? now : calmSince;
                if (now - calmSince > CALM.toNanos()) {
                    return elapsed;
                }
            }
            if (elapsed.compareTo(bound) > 0) {
                return elapsed;
            }
            Thread.sleep(500);
        }
    }

    /** @param ociImages the registry images OCI pushes may have made (checked by {@link OciChecks}) */
    void check(RegistryApi api, Images images, ImageBook book, Set<String> ociImages, int cycle) throws IOException {
        Map<String, List<JsonNode>> bySource = bySource(images);
        Set<String> accounted = new HashSet<>(ociImages);
        book.all().forEach(t -> accounted.add(t.uri));
        for (TrackedTransfers.Pull pull : transfers.pulls()) {
            List<JsonNode> got = bySource.getOrDefault(pull.sourcePath, List.of());
            String what = (pull.acknowledged() ? "pull " + pull.taskId : "unacknowledged pull") + " of "
                    + pull.sourcePath + " (cycle " + pull.cycle + ")";
            if (pull.acknowledged() && got.isEmpty()) {
                figures.incident(Count.LOST_PULLS, cycle, what + " never became " + pull.requestedName
                        + ledgerSays(api, pull.taskId));
            }
            if (got.size() > 1) {
                figures.incident(Count.DUPLICATED, cycle, what + " imported " + got.size() + " times: "
                        + got.stream().map(Images::nameOf).toList());
            }
            for (JsonNode image : got) {
                String name = Images.nameOf(image);
                accounted.add(name);
                if (!name.equals(pull.requestedName)) {
                    figures.incident(Count.MISNAMED, cycle, what + " imported as " + name + ", asked for "
                            + pull.requestedName);
                }
                if (!Images.versionOf(image).equals(pull.digest)) {
                    figures.incident(Count.HALF_WRITTEN, cycle, what + " imported as " + name + " with "
                            + NameChecks.shortly(Images.versionOf(image)) + ", the file is " + NameChecks.shortly(pull.digest));
                }
            }
            if (pull.acknowledged()) {
                checkRecord(api, pull.taskId, "bring", what, cycle);
            }
        }
        for (String name : images.byName().keySet()) {
            if (!accounted.contains(name)) {
                figures.incident(Count.MISNAMED, cycle, "image " + name + " that nobody asked for (source path "
                        + Images.sourcePathOf(images.get(name)) + ")");
            }
        }
        for (TrackedTransfers.Push push : transfers.pushes()) {
            if (push.acknowledged()) {
                checkPush(api, push, cycle);
            }
        }
        for (Path file : stagedFiles()) {
            figures.incident(Count.STALE_STAGED, cycle, "staged file " + globus.stagingDir.relativize(file)
                    + " left behind (" + Files.size(file) + " bytes)");
        }
    }

    private void checkPush(RegistryApi api, TrackedTransfers.Push push, int cycle) throws IOException {
        String what = "push " + push.taskId + " to " + push.directory + " (cycle " + push.cycle + ")";
        RegistryApi.Answer record = checkRecord(api, push.taskId, "send", what, cycle);
        if (record.status() == 200 && !"SUCCEEDED".equals(record.json().path("status").asText())) {
            figures.incident(Count.LOST_PUSHES, cycle, what + " ended " + record.json().path("status").asText()
                    + " " + record.json().path("messages"));
            return;
        }
        for (Map.Entry<String, String> image : push.images.entrySet()) {
            String uri = image.getKey();
            String fileName = uri.substring(uri.indexOf('/') + 1).replace(':', '_') + ".sif";
            Path arrived = globus.clusterFile(push.directory + fileName);
            String digest = Files.isRegularFile(arrived) ? Digests.of(arrived) : null;
            if (!image.getValue().equals(digest)) {
                figures.incident(Count.LOST_PUSHES, cycle, what + ": " + fileName + " on the cluster is "
                        + (digest == null ? "missing" : NameChecks.shortly(digest) + " instead of "
                        + NameChecks.shortly(image.getValue())));
            }
        }
    }

    /**
     * The transfer's record on the activity API. Missing, or there as {@code arrived} (recreated by the import task
     * as a transfer started elsewhere, the registry's own record having vanished), counts as a lost ledger record.
     */
    private RegistryApi.Answer checkRecord(RegistryApi api, String taskId, String direction, String what, int cycle)
            throws IOException {
        RegistryApi.Answer record = api.get("/api/globus/tasks/" + taskId);
        if (record.status() != 200) {
            figures.incident(Count.LOST_LEDGER, cycle, what + ": the activity page has no record of it ("
                    + record.status() + ")");
        } else if (!direction.equals(record.json().path("direction").asText())) {
            figures.incident(Count.LOST_LEDGER, cycle, what + ": the activity page shows it as '"
                    + record.json().path("direction").asText() + "', not '" + direction + "': its own record is gone");
        }
        return record;
    }

    private String ledgerSays(RegistryApi api, String taskId) throws IOException {
        RegistryApi.Answer a = api.get("/api/globus/tasks/" + taskId);
        if (a.status() != 200) {
            return " (no ledger record)";
        }
        JsonNode item = a.json().path("items").path(0);
        return " (ledger: task " + a.json().path("status").asText() + ", item " + item.path("state").asText()
                + (item.path("reason").isTextual() ? ": " + item.path("reason").asText() : "") + ")";
    }

    private List<String> acknowledgedTasks() {
        List<String> tasks = new ArrayList<>();
        transfers.pulls().stream().filter(TrackedTransfers.Pull::acknowledged).forEach(p -> tasks.add(p.taskId));
        transfers.pushes().stream().filter(TrackedTransfers.Push::acknowledged).forEach(p -> tasks.add(p.taskId));
        return tasks;
    }

    private static Map<String, List<JsonNode>> bySource(Images images) {
        Map<String, List<JsonNode>> m = new HashMap<>();
        for (JsonNode image : images.byName().values()) {
            String source = Images.sourcePathOf(image);
            if (source != null) {
                m.computeIfAbsent(source, k -> new ArrayList<>()).add(image);
            }
        }
        return m;
    }

    /** Every file in the staging folder, sub-folders included. */
    List<Path> stagedFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(globus.stagingDir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
