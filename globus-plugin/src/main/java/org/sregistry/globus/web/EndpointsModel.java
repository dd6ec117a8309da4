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

    /**
     * The scope in words: mine, shared with me, or — for a search result that is neither — public (a search of
     * {@code all} sees the admin's own, shared and public endpoints).
     */
    public String scopeLabel(EndpointRow row) {
        return switch (row.scope()) {
            case "my-endpoints" -> "mine";
            case "shared-with-me" -> "shared with me";
            case "all" -> "public";
            default -> row.scope();
        };
    }

    /** True when the status badge alone does not say it all (not active): its description is shown under it. */
    public boolean explainStatus(EndpointRow row) {
        return !"active".equals(row.status()) && row.statusDescription() != null;
    }

    /**
     * A value cut where it may wrap: an e-mail address before its {@code @} (never at a hyphen inside a name), other
     * values whole; a dash when empty. The template keeps each part on one line.
     */
    public List<String> wrapParts(String value) {
        if (value == null || value.isBlank()) {
            return List.of("—");
        }
        int at = value.indexOf('@');
        return at > 0 ? List.of(value.substring(0, at), value.substring(at)) : List.of(value);
    }

    /** True for something shaped like an e-mail address (a contact is then a mailto: link). */
    public boolean isEmail(String value) {
        return value != null && value.matches("[^@\\s<>\"':/]+@[^@\\s<>\"':/]+");
    }

    /** A value or a dash. */
    public String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
