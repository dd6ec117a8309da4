package org.sregistry.globus.web;

import java.util.List;

/**
 * The two-pane browser {@code /globus/{endpoint_id}}: the endpoint's folder on the left, the registry's images on
 * the right. Every text from Globus is escaped by the template.
 *
 * @param csrfField        the host's hidden CSRF field
 * @param endpointId       the endpoint
 * @param endpointName     its display name (or the id when unknown)
 * @param endpointStatus   status badge word, or null
 * @param registryEndpoint whether it is the registry's own endpoint
 * @param path             the folder shown, or null when the listing failed before Globus named it
 * @param crumbs           breadcrumbs to the folder
 * @param parentHref       the parent folder's page, or null at the root
 * @param entries          the folder's entries (folders first)
 * @param problem          why the folder could not be listed, or null
 * @param consentHref      the "Grant access" page when the problem is a missing consent, else null
 * @param images           the registry's images
 * @param send             the image preselected for sending, or null
 * @param canTransfer      false when the registry has no endpoint of its own (forms are replaced by a hint)
 */
public record BrowseModel(String csrfField, String endpointId, String endpointName, String endpointStatus,
                          boolean registryEndpoint, String path, List<Crumb> crumbs, String parentHref,
                          List<Entry> entries, String problem, String consentHref, List<Image> images, String send,
                          boolean canTransfer) {

    /** One breadcrumb link. */
    public record Crumb(String label, String href) {
    }

    /**
     * One entry of the folder.
     *
     * @param name      file or folder name
     * @param directory whether it is a folder
     * @param href      for folders, the page of that folder
     * @param fullPath  the entry's endpoint path (the value a "bring" sends)
     * @param size      formatted size
     * @param modified  formatted modification time
     * @param image     whether it looks like an image file ({@code .sif}, {@code .simg}, {@code .img})
     */
    public record Entry(String name, boolean directory, String href, String fullPath, String size, String modified,
                        boolean image) {
    }

    /** One registry image. */
    public record Image(String uri, String size, boolean selected) {
    }

    /** The send form's action. */
    public String sendAction() {
        return "/globus/transfer/put/" + endpointId;
    }

    /** The bring form's action. */
    public String bringAction() {
        return "/globus/transfer/get/" + endpointId;
    }

    /** True when the folder holds at least one file (not only folders): something to bring. */
    public boolean hasFiles() {
        return entries.stream().anyMatch(e -> !e.directory());
    }

    /** True when the folder was listed. */
    public boolean listed() {
        return problem == null && path != null;
    }
}
