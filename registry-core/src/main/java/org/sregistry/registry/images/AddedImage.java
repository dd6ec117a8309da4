package org.sregistry.registry.images;

import org.sregistry.api.AddResult;

/**
 * What {@link JdbcRegistryService#add(org.sregistry.api.AddRequest, boolean)} did.
 *
 * @param result  the plugin-API answer
 * @param created true when the name was new, false when an existing name was repointed (or the
 *                once-key had been used)
 */
public record AddedImage(AddResult result, boolean created) {
}
