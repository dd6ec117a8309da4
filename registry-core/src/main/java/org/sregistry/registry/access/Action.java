package org.sregistry.registry.access;

/** What a caller wants to do to a collection. */
public enum Action {
    /** Download an image, see it in lists. */
    PULL,
    /** Add or replace images and tags (creating the collection when it is new and creation is allowed). */
    PUSH,
    /** Delete images or tags. */
    DELETE,
    /** Change visibility, owner and members. */
    MANAGE
}
