package org.sregistry.globussim;

import org.sregistry.globussim.store.TaskRecord;

import java.time.Instant;
import java.util.List;

/**
 * What the simulator recorded about a task, for tests: who submitted it ({@link #ownerId} / {@link #ownerUsername},
 * the identity whose token was used, and {@link #clientId}, the client that token was issued to), where from and to,
 * the options that change what is copied ({@link #syncLevel}, {@link #deleteDestinationExtra}), and how it ended,
 * with how many files were copied and how many {@code sync_level} skipped. A snapshot; ask again for fresh values.
 */
public record SimTask(String taskId, String status, String label, String ownerId, String ownerUsername, String clientId,
                      String sourceEndpointId, String destinationEndpointId, List<Item> items, Instant requestTime,
                      Instant completionTime, String fatalErrorCode, Integer syncLevel,
                      boolean deleteDestinationExtra, long filesTransferred, long filesSkipped) {

    /** One submitted transfer item. */
    public record Item(String sourcePath, String destinationPath, boolean recursive) {}

    public static SimTask of(TaskRecord t) {
        synchronized (t) {
            List<Item> items = t.items.stream().map(i -> new Item(i.sourcePath, i.destinationPath, i.recursive)).toList();
            String fatal = t.fatalError == null ? null : String.valueOf(t.fatalError.get("code"));
            return new SimTask(t.taskId, t.status, t.label, t.ownerId, t.ownerUsername, t.submittedByClientId,
                    t.sourceEndpointId, t.destinationEndpointId, items, t.requestTime, t.completionTime, fatal,
                    t.syncLevel, t.deleteDestinationExtra, t.filesTransferred, t.filesSkipped);
        }
    }
}
