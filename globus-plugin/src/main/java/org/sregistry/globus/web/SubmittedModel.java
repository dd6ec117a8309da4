package org.sregistry.globus.web;

/**
 * "Transfer submitted" with its links.
 *
 * @param message      what was submitted
 * @param taskId       the Globus task, or null while Globus has not confirmed the submit
 * @param activityHref the task on the activity page
 * @param globusHref   the task in the Globus web app
 * @param backHref     the folder the admin came from
 */
public record SubmittedModel(String message, String taskId, String activityHref, String globusHref,
                             String backHref) {
}
