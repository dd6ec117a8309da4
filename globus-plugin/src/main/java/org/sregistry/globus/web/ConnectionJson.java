package org.sregistry.globus.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sregistry.globus.client.UserInfo;
import org.sregistry.globus.connection.ConnectionStatus;
import org.sregistry.globus.tokens.UserConnection;

/** A connection as the JSON API shows it: state, identity, expiry, problem; never a token. */
final class ConnectionJson {
    private ConnectionJson() {
    }

    /** A checked connection; {@code stored} adds the user's record facts (origin, a problem the import task saw). */
    static Map<String, Object> of(ConnectionStatus status, UserConnection stored) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean markedBroken = stored != null && stored.needsUpdate()
                && status.state() != ConnectionStatus.State.CONNECTED;
        body.put("state", (markedBroken ? ConnectionStatus.State.NEEDS_UPDATE : status.state()).name().toLowerCase());
        body.put("identity", identity(status.identity()));
        body.put("expires_at", status.expiresAt() == null ? null : status.expiresAt().toString());
        body.put("refreshable", status.refreshAvailable());
        body.put("problem", status.problem() != null ? status.problem() : markedBroken ? stored.problem() : null);
        if (stored != null) {
            body.put("origin", stored.origin());
        }
        return body;
    }

    /** A stored user connection, as the registry last knew it. */
    static Map<String, Object> stored(UserConnection stored) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", stored.user());
        body.put("state", stored.state());
        body.put("origin", stored.origin());
        body.put("identity", identity(stored.identity()));
        body.put("problem", stored.problem());
        body.put("updated_at", stored.updatedAt() == null ? null : stored.updatedAt().toString());
        return body;
    }

    private static Map<String, Object> identity(UserInfo who) {
        if (who == null) {
            return null;
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("id", who.sub());
        identity.put("username", who.preferredUsername());
        identity.put("name", who.name());
        return identity;
    }
}
