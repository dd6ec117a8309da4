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
        if (!connections.perUser()) {
            return connections.service();
        }
        Access.Caller me = access.caller().orElseThrow(() -> new NotAuthorizedException("Bearer"));
        return connections.user(me.username());
    }

    /** The service connection's settings-independent view: the current {@link Connections}. */
    Connections connections() {
        return services.connections();
    }
}
