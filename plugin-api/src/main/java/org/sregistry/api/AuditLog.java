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

    /**
     * Records work done later on someone's behalf (a scheduled import of the transfer they asked
     * for): the event's actor is {@code onBehalfOf}, a caller from {@link Access#user(String)}; with
     * null it is recorded without an actor. There is no address: no request is being served. The
     * default records it like {@link #record} (for simple implementations such as test fakes).
     *
     * <pre>{@code
     * Access.Caller who = context.access().user(record.user()).orElse(null);
     * context.audit().recordFor(who, "import", uri, Map.of("task", taskId));
     * }</pre>
     */
    default void recordFor(Access.Caller onBehalfOf, String action, String target, Map<String, String> details) {
        record(action, target, details);
    }
}
