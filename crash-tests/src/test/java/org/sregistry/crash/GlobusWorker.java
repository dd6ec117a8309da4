package org.sregistry.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.sregistry.crash.Figures.Count;

/**
 * Pulls ("Bring": a fresh file on the cluster into the registry under a requested name) and pushes ("Send": one or
 * two pool images into a fresh folder on the cluster) through the plugin's JSON API. A transfer counts as
 * acknowledged once the 202 with its task id is read.
 */
final class GlobusWorker {
    private static final int MAX_PULL = 512 << 10;

    private final CycleContext ctx;
    private final SimulatedGlobus globus;
    private final ImageBook book;
    private final TrackedTransfers transfers;
    private final Contents contents;
    private final Random rng;

    GlobusWorker(CycleContext ctx, SimulatedGlobus globus, ImageBook book, TrackedTransfers transfers,
                 Contents contents, Random rng) {
        this.ctx = ctx;
        this.globus = globus;
        this.book = book;
        this.transfers = transfers;
        this.contents = contents;
        this.rng = rng;
    }

    /**
     * @param budget    transfers to ask for
     * @param promptly  start within 0.1 s (a kill waits for this worker's request), else after 0.1–0.5 s
     * @param pullFirst begin with a pull (a kill waits for its import)
     */
    void run(int budget, boolean promptly, boolean pullFirst) throws IOException, InterruptedException {
        Thread.sleep(promptly ? rng.nextInt(100) : 100 + rng.nextInt(400));
        for (int op = 0; !ctx.over() && op < budget; op++) {
            boolean pull = (pullFirst && op == 0) || rng.nextInt(100) < 60 || book.pool().isEmpty();
            if (!(pull ? pull(op) : push(op))) {
                return;
            }
            Thread.sleep(200 + rng.nextInt(600));
        }
    }

    private boolean pull(int op) throws IOException {
        String name = "p-c" + ctx.cycle() + "-" + op;
        byte[] content = contents.next(rng, MAX_PULL);
        TrackedTransfers.Pull pull = new TrackedTransfers.Pull(ctx.cycle(), "/~/pulls/" + name + ".sif", "pulled/" + name + ":v1",
                Digests.of(content));
        Path local = globus.clusterFile(pull.sourcePath);
        Files.createDirectories(local.getParent());
        Files.write(local, content);
        transfers.pulls.add(pull);
        RegistryApi.Answer a;
        try {
            a = ctx.api().postJson("/globus/transfer/get/" + globus.cluster.id,
                    Map.of("path", pull.sourcePath, "name", pull.requestedName));
        } catch (IOException e) {
            return false;
        }
        if (a.ok()) {
            pull.taskId = a.json().path("task_id").asText();
            ctx.figures().add(Count.ACK_PULLS);
            return true;
        }
        return refused("pull " + pull.sourcePath, a);
    }

    private boolean push(int op) throws IOException {
        List<TrackedName> pool = new ArrayList<>(book.pool());
        Collections.shuffle(pool, rng);
        Map<String, String> images = new LinkedHashMap<>();
        pool.stream().limit(1 + rng.nextInt(2)).forEach(t -> images.put(t.uri, t.digest()));
        String dir = "/~/out/c" + ctx.cycle() + "-" + op + "/";
        Files.createDirectories(globus.clusterFile(dir));
        TrackedTransfers.Push push = new TrackedTransfers.Push(ctx.cycle(), dir, images);
        transfers.pushes.add(push);
        RegistryApi.Answer a;
        try {
            a = ctx.api().postJson("/globus/transfer/put/" + globus.cluster.id,
                    Map.of("path", dir, "containers", List.copyOf(images.keySet())));
        } catch (IOException e) {
            return false;
        }
        if (a.ok()) {
            push.taskId = a.json().path("task_id").asText();
            ctx.figures().add(Count.ACK_PUSHES);
            return true;
        }
        return refused("push to " + dir, a);
    }

    /** A non-2xx answer: noted; a 5xx leaves the transfer undecided and stops the worker. */
    private boolean refused(String what, RegistryApi.Answer a) {
        ctx.note(what + " answered " + a.status() + ": " + a.body());
        ctx.figures().add(a.status() >= 500 ? Count.SERVER_ERRORS : Count.REFUSED);
        return a.status() < 500;
    }
}
