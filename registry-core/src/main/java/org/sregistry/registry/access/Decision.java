package org.sregistry.registry.access;

/** The answer to "may this caller do that to this collection", in the form each front door needs. */
public enum Decision {
    /** Go ahead. */
    ALLOWED,
    /** Not signed in: ask for credentials (401). */
    SIGN_IN,
    /** The caller may not see the collection: answer as if it did not exist (404). */
    HIDDEN,
    /** The caller sees the collection but may not do this (403). */
    DENIED;

    /** True for {@link #ALLOWED}. */
    public boolean allowed() {
        return this == ALLOWED;
    }
}
