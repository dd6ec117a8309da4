package org.sregistry.api;

/** Parses {@link ImageName}s (placeholder until the registry-core work; see issue 3). */
final class ImageNameParser {
    private ImageNameParser() {
    }

    static ImageName parse(String text) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
