package org.sregistry.globus.transfers;

import org.sregistry.globus.connection.ConnectionRef;

/**
 * The access rule a user's own transfer needs on the registry's guest collection: read on its folder for a Send,
 * read-write for a Bring, made with the registry's service identity before the user's submit and removed when the
 * task ends. {@link #NONE} when every transfer runs as the service identity (a single-user setup).
 * <pre>{@code
 * ShareRef planned = access.plan(submissionId, alice, "rw", "/t/" + submissionId + "/");
 * ShareRef made = planned.created(access.create(planned));
 * ...
 * access.remove(made, submissionId);   // when the task ended
 * }</pre>
 */
public interface TransferAccess {

    /** No rules: the service identity moves everything. */
    TransferAccess NONE = new TransferAccess() {
        @Override
        public ShareRef plan(String submissionId, ConnectionRef who, String permissions, String folderPath) {
            return null;
        }

        @Override
        public String create(ShareRef planned) {
            throw new IllegalStateException("no access rules in a single-user setup");
        }

        @Override
        public void remove(ShareRef share, String submissionId) {
        }
    };

    /**
     * Reserves room for one more rule (a slot of the collection's rule limit) and answers the rule to make, or null
     * when {@code who} needs none (the service connection).
     *
     * @throws RuntimeException too many transfers in progress, or {@code who}'s identity is unknown
     */
    ShareRef plan(String submissionId, ConnectionRef who, String permissions, String folderPath);

    /** Makes the planned rule at Globus (adopting an identical one); answers its id. */
    String create(ShareRef planned);

    /**
     * Removes the rule if it exists (by id, or looked up by path when its id was never heard) and frees its slot.
     *
     * @throws org.sregistry.globus.client.GlobusApiException Globus could not be asked (try again later)
     * @throws RuntimeException the registry may no longer manage access on its collection (try again later)
     */
    void remove(ShareRef share, String submissionId);
}
