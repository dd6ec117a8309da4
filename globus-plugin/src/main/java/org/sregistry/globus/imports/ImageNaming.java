package org.sregistry.globus.imports;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sregistry.api.ImageName;
import org.sregistry.api.ImageNameParser;
import org.sregistry.globus.client.GlobusTimestamps;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/** The name and Globus metadata an arrived file is added under. */
final class ImageNaming {
    private ImageNaming() {
    }

    /**
     * The requested name (the item's {@code image_uri}, without a version: the content decides that),
     * else one parsed from the source file name with the source endpoint's name as collection.
     *
     * @throws org.sregistry.api.InvalidImageNameException when the requested name is not valid
     */
    static String targetName(TransferRecord record, TransferItem item, Task task) {
        if (item.imageUri() != null && !item.imageUri().isBlank()) {
            return ImageName.parse(item.imageUri().trim()).withoutVersion();
        }
        String fileName = item.sourcePath() != null ? item.sourcePath() : item.destinationPath();
        return ImageNameParser.fromFileName(fileName, sourceName(record, task)).withoutVersion();
    }

    /**
     * The {@code n}-th free name for a taken one: {@code demo/lolcow:v1} → {@code demo/lolcow:v1-2} for 2.
     *
     * @throws org.sregistry.api.InvalidImageNameException when the result is not a valid name (too long)
     */
    static String numbered(String name, int n) {
        ImageName parsed = ImageName.parse(name);
        return ImageName.parse(parsed.collection() + "/" + parsed.name() + ":" + parsed.tag() + "-" + n).withoutVersion();
    }

    /** {@code globus.*} metadata: task, source endpoint id and name, source path, completion time, link. */
    static Map<String, String> metadata(TransferRecord record, TransferItem item, Task task) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("globus.task_id", record.taskId());
        putIfPresent(m, "globus.source_endpoint_id", record.sourceEndpointId() != null ? record.sourceEndpointId()
                : task == null ? null : task.sourceEndpointId());
        putIfPresent(m, "globus.source_endpoint", sourceName(record, task));
        putIfPresent(m, "globus.source_path", item.sourcePath());
        if (task != null && task.completionTime() != null) {
            m.put("globus.completed_at", GlobusTimestamps.format(task.completionTime()));
        } else if (record.progress() != null && record.progress().completionTime() != null) {
            m.put("globus.completed_at", record.progress().completionTime().toString());
        }
        m.put("globus.link", "https://app.globus.org/activity/" + record.taskId());
        return m;
    }

    private static String sourceName(TransferRecord record, Task task) {
        if (record.sourceEndpointName() != null && !record.sourceEndpointName().isBlank()) {
            return record.sourceEndpointName();
        }
        return task == null ? null : task.sourceEndpointDisplayName();
    }

    private static void putIfPresent(Map<String, String> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value);
        }
    }
}
