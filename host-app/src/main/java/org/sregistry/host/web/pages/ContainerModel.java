package org.sregistry.host.web.pages;

import java.util.Map;

/**
 * One image's page.
 *
 * @param uri         full URI with version
 * @param name        collection/name:tag
 * @param version     sha256:...
 * @param size        human size
 * @param bytes       exact size
 * @param created     when the name first appeared
 * @param updated     when it last changed
 * @param fileInfo    facts from the file (SIF header)
 * @param metadata    attached metadata (including plugins')
 * @param downloadUrl the download link
 * @param pullCommand {@code apptainer pull … oras://…} for this image
 * @param actionsHtml plugin {@code container.actions} fragments
 * @param csrfToken   for the delete form
 * @param username    the signed-in user, for the login command (or null)
 * @param mayDelete   true when the caller may delete the image (else no Delete button)
 */
public record ContainerModel(String uri, String name, String version, String size, long bytes, String created,
                             String updated, Map<String, String> fileInfo, Map<String, String> metadata,
                             String downloadUrl, String pullCommand, String actionsHtml, String csrfToken,
                             String username, boolean mayDelete) {
}
