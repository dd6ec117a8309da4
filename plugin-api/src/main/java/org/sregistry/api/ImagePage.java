package org.sregistry.api;

import java.util.List;

/**
 * A page of images.
 *
 * @param items  the images on this page
 * @param total  how many match in all
 * @param limit  the page size asked for
 * @param offset where this page starts
 */
public record ImagePage(List<ImageInfo> items, long total, int limit, int offset) {
}
