package org.sregistry.globus.web;

/**
 * A page that explains why an action could not be done.
 *
 * @param title       short heading
 * @param message     what happened (may hold Globus text: escaped by the template)
 * @param consentHref the "Grant access" page when a consent fixes it, else null
 * @param backHref    where to go back to
 */
public record ProblemModel(String title, String message, String consentHref, String backHref) {
}
