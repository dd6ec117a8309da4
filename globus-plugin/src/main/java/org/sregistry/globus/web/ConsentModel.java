package org.sregistry.globus.web;

/**
 * The "Grant access" page of a GCS v5 collection that needs {@code data_access} consent.
 *
 * @param csrfField      the host's hidden CSRF field
 * @param endpointId     the collection
 * @param endpointName   its name (or id)
 * @param authorizeUrl   the Globus login asking for the consent, or null when no login can be offered
 * @param problem        why no login is offered, or an error of the last attempt, or null
 * @param then           where to return afterwards
 * @param cliCommand     the same from the command line
 */
public record ConsentModel(String csrfField, String endpointId, String endpointName, String authorizeUrl,
                           String problem, String then, String cliCommand) {

    /** The code form's action. */
    public String action() {
        return "/globus/consent/" + endpointId;
    }
}
