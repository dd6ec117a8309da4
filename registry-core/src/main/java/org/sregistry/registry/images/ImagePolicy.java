package org.sregistry.registry.images;

import java.util.function.Predicate;

/**
 * Which collections take files that are not container images. By default none: a text file pushed
 * or imported by mistake is refused instead of turning into an "image".
 *
 * @param acceptsAnyFile true for collections that take any file (asked on every add, so it may change)
 * @param howToAllow     a sentence for the refusal saying how to allow other files, or empty
 */
public record ImagePolicy(Predicate<String> acceptsAnyFile, String howToAllow) {

    /** Container images only, everywhere. */
    public static ImagePolicy imagesOnly() {
        return new ImagePolicy(collection -> false, "");
    }

    /** Any file, everywhere (tests of storage that do not care what the bytes are). */
    public static ImagePolicy anyFile() {
        return new ImagePolicy(collection -> true, "");
    }
}
