package org.sregistry.globussim.transfer;

import org.sregistry.globussim.RuntimeSettings;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.store.StateStore;
import org.sregistry.globussim.store.TaskRecord;
import org.sregistry.globussim.store.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks in the background: really copies each file, throttled to the configured bytes per second, updating
 * the task's counters as it goes so progress is observable, then ends it SUCCEEDED or FAILED.
 */
public final class TransferEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransferEngine.class);
    private static final long SAVE_INTERVAL_MS = 1000;

    /** Why a task is being stopped early. */
    public record Abort(String code, String description, boolean canceled) {
        public static Abort cancel() { return new Abort("CANCELED", "The task was canceled by the user", true); }
        public static Abort failed(String code, String reason) { return new Abort(code, reason, false); }
    }

    private final StateStore store;
    private final TaskStore tasks;
    private final RuntimeSettings settings;
    private final Map<String, Abort> aborts = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    /** Set on close: running tasks stop where they are and stay ACTIVE, to be resumed by the next start. */
    private volatile boolean closing;
    private static final String SHUTDOWN = "SIMULATOR_SHUTDOWN";

    public TransferEngine(StateStore store, TaskStore tasks, RuntimeSettings settings) {
        this.store = store;
        this.tasks = tasks;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread th = new Thread(r, "globus-sim-transfer-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
    }

    public void start(TaskRecord t) {
        pool.submit(() -> run(t));
    }

    /** Restarts a task left unfinished by a previous run of the simulator, from scratch (copies are idempotent). */
    public void resume(TaskRecord t) {
        synchronized (t) {
            t.files = t.directories = t.symlinks = 0;
            t.filesTransferred = t.filesSkipped = t.bytesTransferred = t.bytesChecksummed = 0;
            t.subtasksTotal = t.subtasksPending = t.subtasksSucceeded = t.subtasksFailed = 0;
            t.successfulTransfers.clear();
            t.addEvent("RESTARTED", false, "Task restarted after a simulator restart", null);
        }
        start(t);
    }

    /**
     * Stops an unfinished task (cancel, or a forced failure) and waits briefly for it to end.
     * Returns false when the task had already finished.
     */
    public boolean abort(TaskRecord t, Abort why) {
        synchronized (t) {
            if (t.isTerminal()) return false;
            aborts.put(t.taskId, why);
        }
        long until = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < until) {
            synchronized (t) {
                if (t.isTerminal()) return true;
            }
            sleep(10);
        }
        return true;
    }

    private void run(TaskRecord t) {
        try {
            waitWhileHeld(t);
            synchronized (t) {
                t.startedAt = Instant.now();
                t.niceStatus = "OK";
                t.niceStatusShortDescription = "OK";
            }
            tasks.save(t);
            Endpoint src = store.endpoint(t.sourceEndpointId);
            Endpoint dst = store.endpoint(t.destinationEndpointId);
            if (src == null || dst == null) throw new TaskFailure("ENDPOINT_NOT_FOUND", "An endpoint of this task no longer exists");
            checkPermissions(t, src, dst);
            waitWhileDisconnected(t);
            TransferPlanner.Plan plan = TransferPlanner.plan(t, src, dst);
            synchronized (t) {
                t.files = plan.files().size();
                t.directories = plan.directories().size();
                t.symlinks = plan.symlinks();
                t.subtasksTotal = t.files + t.directories;
                t.subtasksPending = t.subtasksTotal;
            }
            for (Path dir : plan.directories()) {
                checkAbort(t);
                Files.createDirectories(dir);
                synchronized (t) {
                    t.subtasksPending--;
                    t.subtasksSucceeded++;
                }
            }
            long[] lastSave = {System.currentTimeMillis()};
            for (TransferPlanner.PlannedFile f : plan.files()) {
                checkAbort(t);
                transferOne(t, f, lastSave);
            }
            finish(t, null);
        } catch (TaskFailure f) {
            if (SHUTDOWN.equals(f.code)) tasks.save(t);
            else finish(t, f);
        } catch (AccessDeniedException e) {
            finish(t, new TaskFailure("PERMISSION_DENIED", "Permission denied: " + e.getFile()));
        } catch (IOException e) {
            finish(t, new TaskFailure("GENERAL_FAILURE", "I/O error: " + e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("Task {} failed unexpectedly", t.taskId, e);
            finish(t, new TaskFailure("GENERAL_FAILURE", "Unexpected error: " + e));
        } finally {
            aborts.remove(t.taskId);
        }
    }

    /**
     * The submitter must be allowed to read every source path and write every destination path, checked when the
     * task runs (rules created or removed after the submit count). Globus accepts the submit and reports the denial
     * as a PERMISSION_DENIED fault; here the task fails at once (see the README's known differences).
     */
    private static void checkPermissions(TaskRecord t, Endpoint src, Endpoint dst) throws TaskFailure {
        for (Endpoint e : new Endpoint[] {src, dst}) {
            if (!EndpointAccess.canUse(t.ownerId, e) && !e.isGuest()) {
                throw new TaskFailure("PERMISSION_DENIED", "Permission denied: your identity has no access to endpoint "
                        + e.displayName + " (" + e.id + ")");
            }
        }
        for (TaskRecord.Item item : t.items) {
            if (!EndpointAccess.permits(t.ownerId, src, EndpointPaths.resolve(src, item.sourcePath).relative(), false)) {
                throw new TaskFailure("PERMISSION_DENIED", "Permission denied: no access rule on guest collection "
                        + src.displayName + " (" + src.id + ") grants your identity read access to '" + item.sourcePath + "'");
            }
            if (!EndpointAccess.permits(t.ownerId, dst, EndpointPaths.resolve(dst, item.destinationPath).relative(), true)) {
                throw new TaskFailure("PERMISSION_DENIED", "Permission denied: no access rule on guest collection "
                        + dst.displayName + " (" + dst.id + ") grants your identity write access to '" + item.destinationPath + "'");
            }
        }
    }

    private void transferOne(TaskRecord t, TransferPlanner.PlannedFile f, long[] lastSave) throws IOException, TaskFailure {
        String checksum = null;
        if (skipBySyncLevel(t, f)) {
            synchronized (t) {
                t.filesSkipped++;
                t.subtasksPending--;
                t.subtasksSucceeded++;
            }
            return;
        }
        String sourceSum = copyThrottled(t, f, lastSave);
        if (t.verifyChecksum || Integer.valueOf(3).equals(t.syncLevel)) {
            checksum = Checksums.of(f.destination());
            synchronized (t) {
                t.bytesChecksummed += f.size();
            }
            if (!checksum.equals(sourceSum)) {
                throw new TaskFailure("CHECKSUM_MISMATCH", "Checksum mismatch on " + f.destinationPath());
            }
        }
        if (t.preserveTimestamp) Files.setLastModifiedTime(f.destination(), Files.getLastModifiedTime(f.source()));
        TaskRecord.Transferred done = new TaskRecord.Transferred();
        done.sourcePath = f.sourcePath();
        done.destinationPath = f.destinationPath();
        done.size = f.size();
        done.checksum = checksum;
        done.checksumAlgorithm = checksum == null ? null : Checksums.ALGORITHM;
        synchronized (t) {
            t.filesTransferred++;
            t.subtasksPending--;
            t.subtasksSucceeded++;
            t.successfulTransfers.add(done);
        }
    }

    /** sync_level: 0 exists, 1 size, 2 newer source mtime, 3 checksum. */
    private boolean skipBySyncLevel(TaskRecord t, TransferPlanner.PlannedFile f) throws IOException {
        Integer level = t.syncLevel;
        if (level == null || !Files.exists(f.destination(), LinkOption.NOFOLLOW_LINKS)) return false;
        if (level == 0) return true;
        if (Files.size(f.destination()) != f.size()) return false;
        if (level == 1) return true;
        if (level == 2) {
            return Files.getLastModifiedTime(f.destination()).compareTo(Files.getLastModifiedTime(f.source())) >= 0;
        }
        boolean same = Checksums.of(f.destination()).equals(Checksums.of(f.source()));
        if (same) {
            synchronized (t) {
                t.bytesChecksummed += 2 * f.size();
            }
        }
        return same;
    }

    /** Copies through a hidden temp file then renames, so a half-copied file never appears under its name. */
    private String copyThrottled(TaskRecord t, TransferPlanner.PlannedFile f, long[] lastSave) throws IOException, TaskFailure {
        Files.createDirectories(f.destination().getParent());
        Path tmp = f.destination().resolveSibling(".globus-sim-" + t.taskId + "-" + f.destination().getFileName() + ".part");
        MessageDigest md = Checksums.newDigest();
        try {
            long started = System.nanoTime();
            double dueNanos = 0;
            try (InputStream in = Files.newInputStream(f.source()); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[65536];
                while (true) {
                    long rate = settings.transferBytesPerSecond();
                    int chunk = rate > 0 ? (int) Math.max(1024, Math.min(buf.length, rate / 20)) : buf.length;
                    int n = in.read(buf, 0, chunk);
                    if (n < 0) break;
                    out.write(buf, 0, n);
                    md.update(buf, 0, n);
                    synchronized (t) {
                        t.bytesTransferred += n;
                    }
                    checkAbort(t);
                    if (rate > 0) {
                        dueNanos += n * 1e9 / rate;
                        long wait = (long) ((started + dueNanos - System.nanoTime()) / 1_000_000);
                        if (wait > 0) sleep(wait);
                    }
                    if (System.currentTimeMillis() - lastSave[0] > SAVE_INTERVAL_MS) {
                        tasks.save(t);
                        lastSave[0] = System.currentTimeMillis();
                    }
                }
            }
            Files.move(tmp, f.destination(), StandardCopyOption.REPLACE_EXISTING);
            return HexFormat.of().formatHex(md.digest());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void waitWhileHeld(TaskRecord t) throws TaskFailure {
        while (settings.holdTransfers()) {
            checkAbort(t);
            sleep(20);
        }
        checkAbort(t);
    }

    /** A Globus Connect Personal endpoint that is offline or paused stalls the task (it stays ACTIVE) until it is back. */
    private void waitWhileDisconnected(TaskRecord t) throws TaskFailure {
        while (true) {
            checkAbort(t);
            Endpoint src = store.endpoint(t.sourceEndpointId);
            Endpoint dst = store.endpoint(t.destinationEndpointId);
            String problem = null;
            for (Endpoint e : new Endpoint[] {src, dst}) {
                if (e != null && e.isGcp() && Boolean.FALSE.equals(e.gcpConnected)) problem = "GC_NOT_CONNECTED";
                else if (e != null && e.isGcp() && Boolean.TRUE.equals(e.gcpPaused)) problem = "GC_PAUSED";
            }
            synchronized (t) {
                t.niceStatus = problem == null ? "OK" : problem;
                t.niceStatusShortDescription = problem == null ? "OK"
                        : problem.equals("GC_PAUSED") ? "Globus Connect Personal is paused" : "Globus Connect Personal is not connected";
            }
            if (problem == null) return;
            sleep(50);
        }
    }

    private void checkAbort(TaskRecord t) throws TaskFailure {
        if (closing) throw new TaskFailure(SHUTDOWN, "The simulator is shutting down");
        Abort a = aborts.get(t.taskId);
        if (a != null) throw new TaskFailure(a.code(), a.description(), a.canceled());
        if (t.deadline != null && Instant.now().isAfter(t.deadline)) {
            throw new TaskFailure("DEADLINE_EXCEEDED", "The task deadline was reached before it finished", true);
        }
    }

    private void finish(TaskRecord t, TaskFailure failure) {
        if (closing) { // interrupted by shutdown, not a real outcome: leave it ACTIVE for the next start
            tasks.save(t);
            return;
        }
        synchronized (t) {
            t.completionTime = Instant.now();
            if (failure == null) {
                t.status = "SUCCEEDED";
                t.niceStatus = null;
                t.niceStatusShortDescription = null;
                t.addEvent("SUCCEEDED", false, "The task completed successfully",
                        "{\"files_transferred\": " + t.filesTransferred + ", \"bytes_transferred\": " + t.bytesTransferred + "}");
            } else {
                t.status = "FAILED";
                t.niceStatus = failure.code;
                t.niceStatusShortDescription = failure.getMessage();
                Map<String, Object> fatal = new LinkedHashMap<>();
                fatal.put("code", failure.code);
                fatal.put("description", failure.getMessage());
                t.fatalError = fatal;
                if ("DEADLINE_EXCEEDED".equals(failure.code)) t.subtasksExpired += t.subtasksPending;
                else if (failure.canceled) t.subtasksCanceled += t.subtasksPending;
                else t.subtasksFailed += Math.max(1, t.subtasksPending);
                t.subtasksPending = 0;
                if (!failure.canceled) t.faults++;
                t.addEvent(failure.code, true, failure.getMessage(), null);
            }
        }
        tasks.save(t);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true;
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
