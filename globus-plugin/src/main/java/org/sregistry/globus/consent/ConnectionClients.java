package org.sregistry.globus.consent;

import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.connection.ConnectionRef;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.transfers.TransferClients;

/** Submits each user's transfers with the connection {@link org.sregistry.globus.connection.Connections} picks. */
public final class ConnectionClients implements TransferClients {
    private final GlobusServices services;

    /** Clients over the plugin's connections. */
    public ConnectionClients(GlobusServices services) {
        this.services = services;
    }

    @Override
    public ConnectionRef connectionOf(String username) {
        return services.connections().forUser(username).ref();
    }

    @Override
    public TransferClient forTask(ConnectionRef connection, String sourceId, String destinationId) {
        return ConsentClients.fullFor(services.connections().of(connection), sourceId, destinationId);
    }
}
