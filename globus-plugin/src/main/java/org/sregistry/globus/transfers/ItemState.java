package org.sregistry.globus.transfers;

/** Where one file of a transfer stands from the registry's point of view. */
public enum ItemState {
    /** Globus has not finished it yet. */
    PENDING,
    /** Pulled file added to the registry. */
    IMPORTED,
    /** Staged copy of a pushed image removed. */
    CLEANED,
    /**
     * Import failed; retried until {@code attempts} reaches the limit (for a quarantined file: a retry is due now,
     * e.g. an admin pressed Retry).
     */
    RETRYING,
    /**
     * An arrived file that could not be imported within the retry budget (or not at all: an invalid name), kept in
     * the quarantine folder with the reason: retried by itself with backoff, or Retry / Discard on the activity page.
     * Never deleted without an explicit Discard.
     */
    QUARANTINED,
    /** Given up: the reason says why. */
    FAILED
}
