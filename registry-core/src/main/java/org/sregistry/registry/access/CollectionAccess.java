package org.sregistry.registry.access;

import java.util.Optional;
import java.util.Set;

/**
 * Who may do what to which collection, for the REST API's caller: the host decides (accounts,
 * roles, collection owners), the registry asks before every read and write. The caller is the one
 * of the request being handled on this thread (the host's authentication sets it).
 *
 * <p>Example: {@code CollectionAccess open = CollectionAccess.OPEN;}
 */
public interface CollectionAccess {
    /** Everything allowed to everyone (a registry without accounts, and tests of the storage). */
    CollectionAccess OPEN = new CollectionAccess() {
        @Override
        public Decision check(String collection, Action action) {
            return Decision.ALLOWED;
        }

        @Override
        public Optional<Set<String>> visibleCollections() {
            return Optional.empty();
        }
    };

    /**
     * May the caller do {@code action} to {@code collection}? An allowed push to a new collection
     * may create it (owned by the caller).
     */
    Decision check(String collection, Action action);

    /** The collections the caller may see, for lists; empty means every collection. */
    Optional<Set<String>> visibleCollections();
}
