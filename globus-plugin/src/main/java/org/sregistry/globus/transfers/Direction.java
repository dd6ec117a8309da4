package org.sregistry.globus.transfers;

/** Which way a transfer moves images. */
public enum Direction {
    /** Registry → an endpoint (staged copies are removed when the task ends). */
    PUT,
    /** An endpoint → the registry (arrived files are imported). */
    GET,
    /** A transfer into the staging folder that someone started elsewhere (e.g. the Globus web app). */
    FOREIGN
}
