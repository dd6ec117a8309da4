package org.sregistry.api;

/**
 * The outcome of {@link RegistryService#add(AddRequest)}.
 *
 * @param image       the image now stored under the name
 * @param alreadyDone true when the once-key had been used before and nothing was added
 */
public record AddResult(ImageInfo image, boolean alreadyDone) {
}
