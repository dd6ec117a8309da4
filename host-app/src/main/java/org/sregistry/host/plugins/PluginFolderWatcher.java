package org.sregistry.host.plugins;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the plugins folders and has the host {@link PluginHost#rescan() rescan} shortly after anything in them
 * changed. Events are debounced: a burst of them (one jar being copied in) becomes one rescan, a settle time after the
 * last one; while a jar is still being written the host is asked again every settle time until it is complete.
 * A folder that a watch cannot follow (removed and made again, a network file system) is still read by every
 * listing, which rescans too.
 */
public final class PluginFolderWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginFolderWatcher.class);

    private final PluginHost host;
    private final Duration delay;
    private final WatchService watch;
    private final ScheduledExecutorService timer;
    private final Thread reader;
    private ScheduledFuture<?> due;

    private PluginFolderWatcher(PluginHost host, Duration delay, WatchService watch) {
        this.host = host;
        this.delay = delay;
        this.watch = watch;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "plugin-rescan"));
        // on close, a rescan that is due is dropped and one that runs finishes (never interrupted)
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = executor;
        this.reader = daemon(this::readEvents, "plugin-folder-watch");
    }

    /** Watches the host's folders (the install folder is made when missing); rescans a settle time after changes. */
    public static PluginFolderWatcher start(PluginHost host) throws IOException {
        if (!Files.isDirectory(host.installFolder())) {
            org.sregistry.registry.files.OwnerOnly.folder(host.installFolder()); // like every folder the host makes
        }
        WatchService watch = FileSystems.getDefault().newWatchService();
        List<Path> folders = host.watchedFolders();
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
            }
        }
        // a settle time after the last event, and a little more, so the jar has stayed the same that long
        PluginFolderWatcher watcher = new PluginFolderWatcher(host, PluginHost.SETTLE.plusMillis(100), watch);
        watcher.reader.start();
        if (host.waitingForJars()) {
            watcher.scheduleRescan();
        }
        LOG.info("Watching {} for plugin jars", folders);
        return watcher;
    }

    private void readEvents() {
        try {
            while (true) {
                WatchKey key = watch.take();
                key.pollEvents(); // which file does not matter: the rescan looks at all of them
                key.reset();
                scheduleRescan();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed
        }
    }

    private synchronized void scheduleRescan() {
        if (timer.isShutdown()) {
            return;
        }
        if (due != null) {
            due.cancel(false); // never interrupt a rescan: interrupted file channels close
        }
        due = timer.schedule(this::rescan, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void rescan() {
        try {
            host.rescan();
        } catch (RuntimeException e) {
            LOG.error("Rescanning the plugins folder failed", e);
        }
        if (host.waitingForJars()) {
            scheduleRescan();
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            LOG.debug("Closing the plugins folder watch: {}", e.toString());
        }
        synchronized (this) {
            timer.shutdown();
        }
        try {
            reader.join(2_000);
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
