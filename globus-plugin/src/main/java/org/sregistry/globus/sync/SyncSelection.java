package org.sregistry.globus.sync;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sregistry.api.Access;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.ImagePage;
import org.sregistry.api.ImageQuery;
import org.sregistry.api.RegistryService;

/**
 * The images a rule's run sends: those of its collection that its match takes and its owner may pull now, less
 * those whose digest is the one sent last ({@code sent}); a tag that now names other bytes is sent again.
 */
final class SyncSelection {
    /** Most images of one collection looked at per run. */
    static final int MAX_LOOKED_AT = 10_000;
    private static final int PAGE = 1000;

    private final RegistryService registry;
    private final Access access;

    SyncSelection(RegistryService registry, Access access) {
        this.registry = registry;
        this.access = access;
    }

    /**
     * What matches, by name ({@code collection/name:tag}, for pruning {@code sent}), and what is new, oldest name
     * first.
     */
    record Selected(Set<String> matching, List<ImageInfo> fresh) {
    }

    Selected of(SyncRule rule, Access.Caller owner) {
        SyncMatch match = rule.matcher();
        Set<String> matching = new LinkedHashSet<>();
        List<ImageInfo> fresh = new ArrayList<>();
        for (int offset = 0; offset < MAX_LOOKED_AT; offset += PAGE) {
            ImagePage page = registry.list(new ImageQuery(match.collection() + "/", ImageQuery.Sort.NAME, PAGE, offset));
            for (ImageInfo image : page.items()) {
                if (!match.matches(image.name()) || !access.mayPull(owner, image.uri())) {
                    continue;
                }
                String name = image.name().withoutVersion();
                matching.add(name);
                if (!image.version().equals(rule.sent().get(name))) {
                    fresh.add(image);
                }
            }
            if (page.items().size() < PAGE || offset + PAGE >= page.total()) {
                break;
            }
        }
        return new Selected(matching, fresh);
    }
}
