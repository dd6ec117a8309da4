package org.sregistry.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Globus transfers the harness asked the registry for, acknowledged (202 with a task id) or not (killed before
 * the answer). Every pull has its own file on the cluster, so the image it becomes can be found by its
 * {@code globus.source_path} metadata whatever name it got.
 */
final class TrackedTransfers {
    /** A "Bring": {@code sourcePath} on the cluster should become {@code requestedName} with {@code digest}. */
    static final class Pull {
        final int cycle;
        final String sourcePath;
        final String requestedName;
        final String digest;
        volatile String taskId;

        Pull(int cycle, String sourcePath, String requestedName, String digest) {
            this.cycle = cycle;
            this.sourcePath = sourcePath;
            this.requestedName = requestedName;
            this.digest = digest;
        }

        boolean acknowledged() {
            return taskId != null;
        }
    }

    /** A "Send": images (uri → digest at the time) into {@code directory} on the cluster. */
    static final class Push {
        final int cycle;
        final String directory;
        final Map<String, String> images;
        volatile String taskId;

        Push(int cycle, String directory, Map<String, String> images) {
            this.cycle = cycle;
            this.directory = directory;
            this.images = images;
        }

        boolean acknowledged() {
            return taskId != null;
        }
    }

    final List<Pull> pulls = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Push> pushes = java.util.Collections.synchronizedList(new ArrayList<>());

    List<Pull> pulls() {
        synchronized (pulls) {
            return List.copyOf(pulls);
        }
    }

    List<Push> pushes() {
        synchronized (pushes) {
            return List.copyOf(pushes);
        }
    }
}
