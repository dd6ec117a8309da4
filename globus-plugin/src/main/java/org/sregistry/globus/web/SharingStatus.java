package org.sregistry.globus.web;

import org.sregistry.globus.sharing.SharingException;

/** The HTTP status of a refused access rule: the user can retry later (429), fix their connection, or ask an admin. */
final class SharingStatus {
    private SharingStatus() {
    }

    static int of(SharingException e) {
        return switch (e.reason()) {
            case TOO_MANY_TRANSFERS -> 429;
            case NOT_MANAGER -> 503;
            case CONFLICTING_RULE, UNKNOWN_IDENTITY -> 409;
        };
    }
}
