package org.sregistry.globus.transfers;

/** The caller may not push to the collection a file would be brought into (answered with 403). */
public class PushNotAllowedException extends RuntimeException {

    /** For {@code collection}. */
    public PushNotAllowedException(String collection) {
        super("you may not push to collection " + collection + ": nothing was transferred; bring the file into a"
                + " collection of yours (name it collection/name:tag)");
    }
}
