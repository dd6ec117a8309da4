package org.sregistry.globus.web;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.sregistry.api.Access;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.api.RegistryService;

/**
 * The images a {@code ?send=} link preselects, as the registry names them: each comma-separated part of the query
 * is looked up, and only images that exist and the caller may pull are kept ({@code collection/name:tag}; one they
 * may not see is left out like a missing one). Nothing else of the query is
 * ever shown or passed on, so a crafted link cannot put its own words on the registry's pages.
 */
final class SendSelection {
    /** Most images one link preselects (a push takes at most 100 as well). */
    private static final int MAX = 100;

    private SendSelection() {
    }

    /** The registry's names of the images {@code raw} names, comma-separated; null when none exists. */
    static String of(RegistryService registry, Access access, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Access.Caller caller = access.caller().orElse(null);
        if (caller == null) {
            return null;
        }
        Set<String> found = new LinkedHashSet<>();
        for (String part : raw.split(",", MAX + 1)) {
            if (found.size() >= MAX) {
                break;
            }
            String wanted = part.trim();
            if (wanted.isEmpty() || wanted.length() > 512) {
                continue;
            }
            try {
                Optional<ImageInfo> image = registry.get(wanted).filter(i -> access.mayPull(caller, i.uri()));
                image.ifPresent(i -> found.add(i.name().withoutVersion()));
            } catch (InvalidImageNameException e) {
                // not a name: nothing to preselect
            }
        }
        return found.isEmpty() ? null : String.join(",", found);
    }

    /** How many images a selection holds. */
    static int count(String selection) {
        return selection == null ? 0 : selection.split(",").length;
    }
}
