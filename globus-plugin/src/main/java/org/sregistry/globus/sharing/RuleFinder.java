package org.sregistry.globus.sharing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.AccessListPage;
import org.sregistry.globus.client.AccessRule;
import org.sregistry.globus.client.AccessRuleClient;
import org.sregistry.globus.client.AccessRuleRequest;

/**
 * Reads a guest collection's {@code access_list} with the service connection, page by page (offset paging), to find
 * a rule whose id is not known: after a crash during {@code POST access} (the intent knows only the path), or to
 * adopt an identical rule Globus answered {@code Exists} for. Paging stops at the last page by {@code total} or by a
 * short page, when a page brings no rule not seen before (a server ignoring {@code offset}), and after
 * {@link #MAX_PAGES} pages.
 */
public final class RuleFinder {

    private static final Logger LOG = LoggerFactory.getLogger(RuleFinder.class);

    /** Most pages read in one search (at the default page size, 100 000 entries). */
    static final int MAX_PAGES = 100;

    private final Supplier<AccessRuleClient> service;
    private final int pageSize;

    /** A finder reading pages of {@link AccessRuleClient#ACCESS_LIST_PAGE} with the service connection's client. */
    public RuleFinder(Supplier<AccessRuleClient> service) {
        this(service, AccessRuleClient.ACCESS_LIST_PAGE);
    }

    /** A finder reading pages of {@code pageSize} entries. */
    public RuleFinder(Supplier<AccessRuleClient> service, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        this.service = Objects.requireNonNull(service);
        this.pageSize = pageSize;
    }

    /**
     * The rule (not a role entry) for {@code principal} on exactly {@code path} (compared as directories: a missing
     * leading or trailing {@code /} on either side does not matter), or empty. Reading stops at the page holding it.
     */
    public Optional<AccessRule> byPath(String collectionId, String path, String principal) {
        String wanted = AccessRuleRequest.asDirectory(Objects.requireNonNull(path, "path"));
        Objects.requireNonNull(principal, "principal");
        AccessRule[] found = {null};
        scan(collectionId, r -> {
            if (!r.isRoleEntry() && r.path() != null && AccessRuleRequest.asDirectory(r.path()).equals(wanted)
                    && principal.equalsIgnoreCase(r.principal())) {
                found[0] = r;
                return false;
            }
            return true;
        });
        return Optional.ofNullable(found[0]);
    }

    /** Every entry of the collection's access list, role entries included, in Globus's order. */
    public List<AccessRule> all(String collectionId) {
        List<AccessRule> all = new ArrayList<>();
        scan(collectionId, all::add);
        return all;
    }

    /** Hands each entry (once) to {@code visitor} until it answers false or the list ends. */
    private void scan(String collectionId, Predicate<AccessRule> visitor) {
        AccessRuleClient client = service.get();
        Set<String> seen = new HashSet<>();
        int offset = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            AccessListPage p = client.listPage(collectionId, offset, pageSize);
            boolean news = false;
            for (AccessRule r : p.data()) {
                String key = r.isRoleEntry() ? "role:" + r.roleId() + ":" + r.principal() : "id:" + r.id();
                if (seen.add(key)) {
                    news = true;
                    if (!visitor.test(r)) {
                        return;
                    }
                }
            }
            if (!news || p.isLast(offset, pageSize)) {
                return;
            }
            offset += p.data().size();
        }
        LOG.warn("Globus access_list of {}: stopped after {} pages ({} entries); the rest was not read",
                collectionId, MAX_PAGES, seen.size());
    }
}
