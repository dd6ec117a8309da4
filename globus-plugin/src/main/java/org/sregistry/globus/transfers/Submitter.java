package org.sregistry.globus.transfers;

import java.util.function.Predicate;
import org.sregistry.api.Access;

/**
 * Who submits a transfer and what they may do, as the host's {@link Access} answers it: a push sends only images
 * they may pull, a pull brings only into a collection they may push to. The name is kept on the ledger record.
 *
 * @param username the registry user
 * @param mayPull  true for an image URI they may pull
 * @param mayPush  true for a collection they may push to (a new one may be created for them)
 */
public record Submitter(String username, Predicate<String> mayPull, Predicate<String> mayPush) {

    /** {@code caller} as {@code access} sees them. */
    public static Submitter of(Access access, Access.Caller caller) {
        return new Submitter(caller.username(), uri -> access.mayPull(caller, uri),
                collection -> access.mayPush(caller, collection));
    }
}
