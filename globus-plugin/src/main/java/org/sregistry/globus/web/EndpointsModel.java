package org.sregistry.globus.web;

import java.util.List;
import org.sregistry.globus.endpoints.EndpointListing;
import org.sregistry.globus.endpoints.EndpointRow;

/**
 * The endpoints part of {@code /globus}.
 *
 * @param shown      false when the section is not shown (not connected)
 * @param query      the search text, or null
 * @param rows       the endpoints found
 * @param problem    why nothing could be listed, or null
 * @param cached     whether the list came from the short-lived cache
 * @param ageSeconds how old the list is
 * @param send       the image preselected for sending ({@code ?send=}), or null
 */
public record EndpointsModel(boolean shown, String query, List<EndpointRow> rows, String problem, boolean cached,
                             long ageSeconds, String send) {

    public EndpointsModel {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /** No section. */
    public static EndpointsModel none() {
        return new EndpointsModel(false, null, List.of(), null, false, 0, null);
    }

    /** A listing. */
    static EndpointsModel of(EndpointListing listing, long ageSeconds, String send) {
        return new EndpointsModel(true, listing.query(), listing.rows(), null, listing.cached(), ageSeconds, send);
    }

    /** A failure. */
    static EndpointsModel failed(String query, String problem, String send) {
        return new EndpointsModel(true, query, List.of(), problem, false, 0, send);
    }

    /** True when a search found nothing. */
    public boolean noResults() {
        return problem == null && rows.isEmpty();
    }

    /** Where a row leads. */
    public String browseHref(EndpointRow row) {
        return Links.browse(row.id(), null, send);
    }

    /** The refresh button's target. */
    public String refreshHref() {
        return "/globus?refresh=1" + (query == null ? "" : "&q=" + Links.enc(query))
                + (send == null ? "" : "&send=" + Links.enc(send));
    }

    /** The scope in words. */
    public String scopeLabel(EndpointRow row) {
        return switch (row.scope()) {
            case "my-endpoints" -> "mine";
            case "shared-with-me" -> "shared with me";
            case "all" -> "search";
            default -> row.scope();
        };
    }

    /** A value or a dash. */
    public String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
