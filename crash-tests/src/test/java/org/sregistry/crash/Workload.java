package org.sregistry.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One cycle's writes, until the process dies under them: {@link UploadWorker}s, one {@link GlobusWorker} and one
 * {@link OciWorker}, each on its own thread with its own RNG derived from the seed, the cycle and the worker.
 */
final class Workload {
    private static final int GLOBUS_WORKER = 99;
    private static final int OCI_WORKER = 98;

    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch budgetsDone;
    private volatile boolean stop;

    Workload(RegistryApi api, ImageBook book, TrackedTransfers transfers, SimulatedGlobus globus, OciBook oci,
             Figures figures, int cycle, long seed, Path scratch, int uploadWorkers, KillPlan plan) {
        CycleContext ctx = new CycleContext(cycle, api, figures, () -> stop);
        Contents contents = new Contents(scratch);
        budgetsDone = new CountDownLatch(uploadWorkers + 2);
        for (int w = 0; w < uploadWorkers; w++) {
            UploadWorker worker = new UploadWorker(ctx, w, book.owned(w), contents, rng(seed, cycle, w));
            threads.add(new Thread(() -> guarded(() -> worker.run(plan.opsBudget())), "uploads-" + w));
        }
        Random rng = rng(seed, cycle, GLOBUS_WORKER);
        int globusBudget = plan.globusBudget(rng);
        GlobusWorker globusWorker = new GlobusWorker(ctx, globus, book, transfers, contents, rng);
        threads.add(new Thread(() -> guarded(() -> globusWorker.run(globusBudget, plan.trigger() != null,
                plan.mode() == KillPlan.Mode.DURING_IMPORT)), "globus-ops"));
        Random ociRng = rng(seed, cycle, OCI_WORKER);
        int ociBudget = plan.ociBudget(ociRng);
        OciWorker ociWorker = new OciWorker(ctx, oci, scratch, ociRng);
        threads.add(new Thread(() -> guarded(() -> ociWorker.run(ociBudget, plan.mode() == KillPlan.Mode.OCI_WRITE)),
                "oci-ops"));
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

    private static Random rng(long seed, int cycle, int worker) {
        return new Random(seed * 1_000_003L + cycle * 131L + worker);
    }
}
