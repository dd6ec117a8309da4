package org.sregistry.globus.web;

import jakarta.ws.rs.NotAuthorizedException;
import java.util.function.Supplier;
import org.sregistry.api.Access;
import org.sregistry.globus.connection.Connection;
import org.sregistry.globus.connection.Connections;
import org.sregistry.globus.connection.GlobusServices;

/**
 * The Globus connection the request's caller acts with: their own with per-user connections, else the registry's
 * service connection. Read on the request's thread (the caller is known only there).
 */
final class CallerConnection implements Supplier<Connection> {
    private final GlobusServices services;
    private final Access access;

    CallerConnection(GlobusServices services, Access access) {
        this.services = services;
        this.access = access;
    }

    @Override
    public Connection get() {
        Connections connections = services.connections();
        Access.Caller me = access.caller().orElseThrow(() -> new NotAuthorizedException("Bearer"));
        if (connections.perUser()) {
            return connections.user(me.username());
        }
        if (!me.admin()) {
            // the registry's collection stopped being a managed guest collection since the host let this request in:
            // never hand the registry's own identity to someone who is not an administrator
            throw JsonErrors.of(403, "forbidden", "Globus is for administrators only right now: the registry's "
                    + "collection is not a guest collection it manages (see /globus as an administrator)");
        }
        return connections.service();
    }
}
