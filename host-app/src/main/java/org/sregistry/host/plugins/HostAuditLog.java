package org.sregistry.host.plugins;

import java.util.Map;
import org.sregistry.api.AuditLog;
import org.sregistry.host.audit.Audit;

/**
 * {@link AuditLog} for one plugin on the server: the action is stored as {@code <plugin id>.<action>}, who and from
 * where are the current request's ({@link Audit#record(String, String, Audit.Outcome, Map)}), secret-looking
 * details are left out there.
 */
public final class HostAuditLog implements AuditLog {
    private final String pluginId;
    private final Audit audit;
    private final org.sregistry.host.users.UserStore users;

    public HostAuditLog(String pluginId, Audit audit, org.sregistry.host.users.UserStore users) {
        this.pluginId = pluginId;
        this.audit = audit;
        this.users = users;
    }

    @Override
    public void record(String action, String target, Map<String, String> details) {
        audit.record(actionOf(pluginId, action), target, Audit.Outcome.OK, details);
    }

    @Override
    public void recordFor(org.sregistry.api.Access.Caller onBehalfOf, String action, String target,
                          Map<String, String> details) {
        org.sregistry.host.users.User user = onBehalfOf == null ? null : users.byName(onBehalfOf.username()).orElse(null);
        audit.record(user, onBehalfOf == null ? null : onBehalfOf.username(), null, actionOf(pluginId, action), target,
                Audit.Outcome.OK, details);
    }

    /** {@code globus} and {@code transfer.get} → {@code globus.transfer.get}. */
    public static String actionOf(String pluginId, String action) {
        return pluginId + "." + (action == null || action.isBlank() ? "event" : action);
    }
}
