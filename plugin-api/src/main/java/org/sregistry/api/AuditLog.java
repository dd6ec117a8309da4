package org.sregistry.api;

import java.util.Map;

/**
 * The registry's audit log, for what a plugin does on someone's behalf. The host prefixes the plugin id to the
 * action ({@code transfer.get} of plugin {@code globus} is stored as {@code globus.transfer.get}), adds who, when
 * and from where (the request on this thread; none outside requests), and leaves out details whose key looks secret
 * ({@code password}, {@code secret}, {@code token}, {@code key}). Recording never throws: an event that cannot be
 * written is logged and lost.
 *
 * <pre>{@code
 * context.audit().record("transfer.get", collection, Map.of("task", taskId, "endpoint", endpointId));
 * }</pre>
 */
public interface AuditLog {

    /**
     * Records that {@code action} was done to {@code target} (an image URI, a collection, ...), successfully.
     *
     * @param details a few short facts worth keeping (ids, names); never secrets
     */
    void record(String action, String target, Map<String, String> details);
}
