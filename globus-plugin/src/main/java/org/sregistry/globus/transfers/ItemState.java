package org.sregistry.globus.transfers;

/** Where one file of a transfer stands from the registry's point of view. */
public enum ItemState {
    /** Globus has not finished it yet. */
    PENDING,
    /** Pulled file added to the registry. */
    IMPORTED,
    /** Staged copy of a pushed image removed. */
    CLEANED,
    /** Import failed; retried until {@code attempts} reaches the limit. */
    RETRYING,
    /** Given up: the reason says why. */
    FAILED
}
