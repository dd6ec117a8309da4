package org.sregistry.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sregistry.crash.Figures.Count;
import org.sregistry.registry.sif.SifWriter;

/**
 * One cycle's writes, until the process dies under them: upload workers (new names, replaces, deletes of their own
 * names) and one Globus worker (pulls of fresh cluster files under requested names, pushes of pool images). A write
 * counts as acknowledged only once its 2xx answer is read; one cut by the kill stays pending and is judged after the
 * restart. Each worker has its own RNG derived from the seed, the cycle and the worker.
 */
final class Workload {
    /** Above this many live names a worker mostly deletes, so the store stays small however long the run. */
    private static final int LIVE_CAP = 25;
    private static final int MAX_UPLOAD = 2 << 20;
    private static final int MAX_PULL = 512 << 10;

    private final RegistryApi api;
    private final ImageBook book;
    private final TrackedTransfers transfers;
    private final SimulatedGlobus globus;
    private final Figures figures;
    private final int cycle;
    private final long seed;
    private final Path scratch;
    private final KillPlan plan;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch budgetsDone;
    private volatile boolean stop;

    Workload(RegistryApi api, ImageBook book, TrackedTransfers transfers, SimulatedGlobus globus, Figures figures,
             int cycle, long seed, Path scratch, int uploadWorkers, KillPlan plan) {
        this.api = api;
        this.book = book;
        this.transfers = transfers;
        this.globus = globus;
        this.figures = figures;
        this.cycle = cycle;
        this.seed = seed;
        this.scratch = scratch;
        this.plan = plan;
        this.budgetsDone = new CountDownLatch(uploadWorkers + 1);
        for (int w = 0; w < uploadWorkers; w++) {
            int worker = w;
            threads.add(new Thread(() -> guarded(() -> uploads(worker)), "uploads-" + w));
        }
        threads.add(new Thread(() -> guarded(this::globusOps), "globus-ops"));
    }

    /** Starts every worker. */
    void start() {
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
    }

    /** Waits until every worker used its budget (QUIET cycles). */
    void awaitBudgets(long millis) throws InterruptedException {
        budgetsDone.await(millis, TimeUnit.MILLISECONDS);
    }

    /** After the kill: every in-flight request fails at once; wait for the workers to notice. */
    List<Throwable> stopAndJoin() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(70));
            if (t.isAlive()) {
                errors.add(new IllegalStateException(t.getName() + " did not stop after the kill"));
            }
        }
        return errors;
    }

    private interface Job {
        void run() throws Exception;
    }

    private void guarded(Job job) {
        try {
            job.run();
        } catch (Throwable e) {
            errors.add(e);
        } finally {
            budgetsDone.countDown();
        }
    }

    private Random rng(int worker) {
        return new Random(seed * 1_000_003L + cycle * 131L + worker);
    }

    // ---- uploads, replaces, deletes

    private void uploads(int worker) throws IOException, InterruptedException {
        Random rng = rng(worker);
        List<TrackedName> mine = book.owned(worker);
        int budget = plan.opsBudget();
        for (int op = 0; !stop && (budget < 0 || op < budget); op++) {
            List<TrackedName> live = mine.stream().filter(t -> t.present() && t.idle()).toList();
            int r = rng.nextInt(100);
            boolean crowded = live.size() > LIVE_CAP;
            TrackedName target;
            byte[] content = null;
            Count ack;
            if (live.size() < 2 || r < (crowded ? 20 : 50)) {
                target = new TrackedName("crash/w" + worker + "-c" + cycle + "-" + op + ":v1");
                mine.add(target);
                content = content(rng, MAX_UPLOAD);
                ack = Count.ACK_UPLOADS;
            } else if (r < (crowded ? 40 : 75)) {
                target = live.get(rng.nextInt(live.size()));
                content = content(rng, MAX_UPLOAD);
                ack = Count.ACK_REPLACES;
            } else {
                target = live.get(rng.nextInt(live.size()));
                ack = Count.ACK_DELETES;
            }
            target.sending(content == null ? null : Digests.of(content), content == null);
            RegistryApi.Answer answer;
            try {
                answer = content == null ? api.delete(target.uri) : api.upload(target.uri, content);
            } catch (IOException e) {
                return; // no answer: the write stays pending, judged after the restart
            }
            if (answer.ok()) {
                target.acknowledged();
                figures.add(ack);
            } else if (answer.status() >= 500) {
                figures.add(Count.SERVER_ERRORS); // undecided: stays pending; this worker stops for the cycle
                note(target.uri + " answered " + answer.status() + ": " + answer.body());
                return;
            } else {
                target.refused();
                figures.add(Count.REFUSED);
                note(target.uri + " answered " + answer.status() + ": " + answer.body());
            }
            Thread.sleep(rng.nextInt(30));
        }
    }

    /** Random bytes (sizes 0..max), sometimes empty, sometimes a small valid SIF file. */
    private byte[] content(Random rng, int max) throws IOException {
        int r = rng.nextInt(100);
        if (r < 4) {
            return new byte[0];
        }
        if (r < 20) {
            byte[] payload = new byte[1 + rng.nextInt(Math.min(max, 256 << 10))];
            rng.nextBytes(payload);
            Path file = scratch.resolve(UUID.randomUUID() + ".sif");
            SifWriter.write(file, payload, "amd64", Instant.ofEpochSecond(1_700_000_000L + rng.nextInt(1 << 20)),
                    new UUID(rng.nextLong(), rng.nextLong()));
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        }
        byte[] bytes = new byte[rng.nextInt(max + 1)];
        rng.nextBytes(bytes);
        return bytes;
    }

    // ---- Globus pulls and pushes

    private void globusOps() throws IOException, InterruptedException {
        Random rng = rng(99);
        int budget = plan.globusBudget(rng);
        boolean pullFirst = plan.mode() == KillPlan.Mode.DURING_IMPORT;
        Thread.sleep(plan.trigger() != null ? rng.nextInt(100) : 100 + rng.nextInt(400));
        for (int op = 0; !stop && op < budget; op++) {
            boolean pull = (pullFirst && op == 0) || rng.nextInt(100) < 60 || book.pool().isEmpty();
            boolean answered = pull ? pull(rng, op) : push(rng, op);
            if (!answered) {
                return;
            }
            Thread.sleep(200 + rng.nextInt(600));
        }
    }

    private boolean pull(Random rng, int op) throws IOException {
        String file = "pulls/p-c" + cycle + "-" + op + ".sif";
        Path local = globus.clusterFile("/~/" + file);
        Files.createDirectories(local.getParent());
        byte[] content = content(rng, MAX_PULL);
        Files.write(local, content);
        TrackedTransfers.Pull pull = new TrackedTransfers.Pull(cycle, "/~/" + file, "pulled/p-c" + cycle + "-" + op + ":v1",
                Digests.of(content));
        transfers.pulls.add(pull);
        RegistryApi.Answer a;
        try {
            a = api.postJson("/globus/transfer/get/" + globus.cluster.id,
                    Map.of("path", pull.sourcePath, "name", pull.requestedName));
        } catch (IOException e) {
            return false;
        }
        if (a.ok()) {
            pull.taskId = a.json().path("task_id").asText();
            figures.add(Count.ACK_PULLS);
            return true;
        }
        figures.add(a.status() >= 500 ? Count.SERVER_ERRORS : Count.REFUSED);
        note("pull " + pull.sourcePath + " answered " + a.status() + ": " + a.body());
        return a.status() < 500;
    }

    private boolean push(Random rng, int op) throws IOException {
        List<TrackedName> pool = new ArrayList<>(book.pool());
        Collections.shuffle(pool, rng);
        Map<String, String> images = new LinkedHashMap<>();
        pool.stream().limit(1 + rng.nextInt(2)).forEach(t -> images.put(t.uri, t.digest()));
        String dir = "/~/out/c" + cycle + "-" + op + "/";
        Files.createDirectories(globus.clusterFile(dir));
        TrackedTransfers.Push push = new TrackedTransfers.Push(cycle, dir, images);
        transfers.pushes.add(push);
        RegistryApi.Answer a;
        try {
            a = api.postJson("/globus/transfer/put/" + globus.cluster.id,
                    Map.of("path", dir, "containers", List.copyOf(images.keySet())));
        } catch (IOException e) {
            return false;
        }
        if (a.ok()) {
            push.taskId = a.json().path("task_id").asText();
            figures.add(Count.ACK_PUSHES);
            return true;
        }
        figures.add(a.status() >= 500 ? Count.SERVER_ERRORS : Count.REFUSED);
        note("push to " + dir + " answered " + a.status() + ": " + a.body());
        return a.status() < 500;
    }

    private void note(String what) {
        System.out.printf("cycle %3d  note: %s%n", cycle, what);
    }
}
