package org.sregistry.globus.transfers;

import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.connection.ConnectionRef;

/**
 * Which Globus connection a user's transfer is submitted with, and its Transfer client for a task between two
 * collections (its consent token's for one of them, when it has one).
 * <pre>{@code
 * TransferClients clients = new TransferClients() {
 *     public ConnectionRef connectionOf(String user) { return connections.forUser(user).ref(); }
 *     public TransferClient forTask(ConnectionRef who, String source, String destination) {
 *         return ConsentClients.fullFor(connections.of(who), source, destination);
 *     }
 * };
 * }</pre>
 */
public interface TransferClients {
    /** The connection {@code username} submits with now; null: the registry's service connection. */
    ConnectionRef connectionOf(String username);

    /**
     * The retrying client for a task between the collections.
     *
     * @param connection whose connection submits; null: the registry's service connection
     */
    TransferClient forTask(ConnectionRef connection, String sourceId, String destinationId);

    /** Every transfer with {@code client}, as the service connection (a single-user setup with one login). */
    static TransferClients only(TransferClient client) {
        return new TransferClients() {
            @Override
            public ConnectionRef connectionOf(String username) {
                return null;
            }

            @Override
            public TransferClient forTask(ConnectionRef connection, String sourceId, String destinationId) {
                return client;
            }
        };
    }
}
