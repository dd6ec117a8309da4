package org.sregistry.globussim.store;

import org.sregistry.globussim.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Task history: in memory, one JSON file per task under {@code tasks/} in the data dir, reloaded at start. */
public final class TaskStore {
    private static final Logger LOG = LoggerFactory.getLogger(TaskStore.class);

    private final Path dir;
    private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();
    /** (owner id + submission id) → task id, for {@code Duplicate} detection. */
    private final Map<String, String> submissions = new ConcurrentHashMap<>();

    public TaskStore(Path dataDir) {
        this.dir = dataDir.resolve("tasks");
        load();
    }

    private void load() {
        if (!Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                try {
                    TaskRecord t = Json.MAPPER.readValue(f.toFile(), TaskRecord.class);
                    index(t);
                } catch (IOException e) {
                    LOG.warn("Skipping unreadable task file {}: {}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read task history in " + dir, e);
        }
    }

    private void index(TaskRecord t) {
        tasks.put(t.taskId, t);
        if (t.submissionId != null) submissions.put(t.ownerId + "/" + t.submissionId, t.taskId);
    }

    /**
     * Records a new task unless the owner already used its submission id; returns the existing task then.
     * Atomic, so two racing submits with one submission id start one task.
     */
    public synchronized TaskRecord addIfNew(TaskRecord t) {
        String existing = submissions.get(t.ownerId + "/" + t.submissionId);
        if (existing != null) return tasks.get(existing);
        index(t);
        save(t);
        return null;
    }

    public TaskRecord get(String taskId) { return taskId == null ? null : tasks.get(taskId); }

    public List<TaskRecord> find(Predicate<TaskRecord> filter) {
        List<TaskRecord> out = new ArrayList<>();
        for (TaskRecord t : tasks.values()) if (filter.test(t)) out.add(t);
        return out;
    }

    public void save(TaskRecord t) {
        synchronized (t) {
            AtomicFiles.writeJson(dir.resolve(t.taskId + ".json"), t);
        }
    }
}
