package org.sregistry.globus.consent;

import org.sregistry.globus.client.TransferClient;
import jakarta.ws.rs.ForbiddenException;
import org.sregistry.api.Access;
import org.sregistry.globus.connection.ConnectionRef;
import org.sregistry.globus.connection.Connections;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.transfers.TransferClients;

/** Submits each user's transfers with the connection {@link org.sregistry.globus.connection.Connections} picks. */
public final class ConnectionClients implements TransferClients {
    private final GlobusServices services;
    private final Access access;

    /** Clients over the plugin's connections; {@code access} tells who is an administrator. */
    public ConnectionClients(GlobusServices services, Access access) {
        this.services = services;
        this.access = access;
    }

    /**
     * The user's own connection on a managed guest collection; else the service connection, for administrators only
     * (the mode may have changed since the host let a user's request in: never lend them the registry's identity).
     */
    @Override
    public ConnectionRef connectionOf(String username) {
        Connections connections = services.connections();
        if (connections.perUser()) {
            return connections.user(username).ref();
        }
        boolean admin = username != null && access.user(username).map(Access.Caller::admin).orElse(false);
        if (!admin) {
            throw new ForbiddenException("Globus is for administrators only right now: the registry's collection is "
                    + "not a guest collection it manages");
        }
        return null;
    }

    @Override
    public TransferClient forTask(ConnectionRef connection, String sourceId, String destinationId) {
        return ConsentClients.fullFor(services.connections().of(connection), sourceId, destinationId);
    }
}
