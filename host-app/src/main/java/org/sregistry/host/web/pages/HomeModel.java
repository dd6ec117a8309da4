package org.sregistry.host.web.pages;

import java.util.List;

/**
 * The images page.
 *
 * @param query      the filter text
 * @param sort       the sort key (name, newest, oldest, size)
 * @param images     this page of images
 * @param total      matches in all
 * @param offset     where this page starts
 * @param limit      page size
 * @param panelsHtml plugin {@code home.panels} fragments
 * @param baseUrl    the server's URL, for the "how to add one" hint
 * @param message    a notice (e.g. after a delete), or null
 * @param collection where the "how to add one" hint pushes (a collection the caller may create)
 */
public record HomeModel(String query, String sort, List<ImageRow> images, long total, int offset, int limit,
                        String panelsHtml, String baseUrl, String message, String collection) {

    /** One image row. */
    public record ImageRow(String uri, String shortName, String size, String updated, String link) {
    }

    /** True when there is a next page. */
    public boolean hasNext() {
        return offset + images.size() < total;
    }
}
