package org.sregistry.host.access;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.sregistry.registry.access.Action;
import org.sregistry.registry.access.Decision;
import org.sregistry.host.users.User;
import org.sregistry.registry.db.Database;

/**
 * The one place that decides who may do what to a collection; every front door (pages, REST,
 * {@code /v2/} and its token endpoint, {@code library://}, plugins) asks here.
 *
 * <p>A collection's owner user, the members of its owner team and its {@code admin} members may do
 * everything to it; {@code push} members push and pull; {@code pull} members pull; every signed-in
 * user pulls from a public collection (anonymous callers too when anonymous pull is on); registry
 * administrators may do everything everywhere. A caller who may not see a collection is answered
 * as if it did not exist ({@link Decision#HIDDEN}): knowing a name reveals nothing. A collection
 * without a row (images added before accounts existed, or by a plugin or the CLI) belongs to the
 * administrators only until it is given an owner.
 */
public final class Permissions {
    private final Jdbi jdbi;
    private final CollectionStore collections;
    private final Supplier<AccessPolicy> policy;
    private final java.util.function.BiConsumer<User, String> created;

    /** @param created told of each collection a first push creates (the audit log's {@code collection.create}) */
    public Permissions(Database database, CollectionStore collections, Supplier<AccessPolicy> policy,
                       java.util.function.BiConsumer<User, String> created) {
        this.jdbi = database.jdbi();
        this.collections = collections;
        this.policy = policy;
        this.created = created;
    }

    /** The collection of an image URI or an OCI repository: its first path segment. */
    public static String collectionOf(String nameOrRepository) {
        int slash = nameOrRepository.indexOf('/');
        return slash < 0 ? nameOrRepository : nameOrRepository.substring(0, slash);
    }

    /** The caller's level in a collection, if any ({@code caller} null: anonymous). */
    public Optional<Permission> level(User caller, String collection) {
        User who = active(caller);
        return who != null && who.admin() ? Optional.of(Permission.ADMIN) : level(who, collections.find(collection));
    }

    /** The level of a caller who is not a registry administrator, in a collection already looked up. */
    private Optional<Permission> level(User who, Optional<CollectionStore.CollectionInfo> info) {
        if (info.isEmpty()) {
            return Optional.empty();
        }
        Permission best = null;
        if (info.get().visibility() == Visibility.PUBLIC && (who != null || policy.get().anonymousPull())) {
            best = Permission.PULL;
        }
        if (who == null) {
            return Optional.ofNullable(best);
        }
        Set<String> teams = teamsOf(who.id());
        if (ownedBy(who, info.get(), teams)) {
            return Optional.of(Permission.ADMIN);
        }
        for (CollectionStore.Member m : collections.members(info.get().name())) {
            boolean mine = ("user".equals(m.type()) && m.principalId().equals(who.id()))
                    || ("team".equals(m.type()) && teams.contains(m.principalId()));
            if (mine && (best == null || m.permission().includes(best))) {
                best = m.permission();
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean ownedBy(User who, CollectionStore.CollectionInfo info, Set<String> teams) {
        return who.id().equals(info.ownerUserId()) || (info.ownerTeamId() != null && teams.contains(info.ownerTeamId()));
    }

    /** May {@code caller} do {@code action} to {@code collection}, and if not, how to answer. */
    public Decision decide(User caller, String collection, Action action) {
        User who = active(caller);
        return decide(who, collection, action, who != null && who.admin() ? null : collections.find(collection));
    }

    /** {@link #decide} with the collection looked up once ({@code info} null for a registry administrator). */
    private Decision decide(User who, String collection, Action action, Optional<CollectionStore.CollectionInfo> info) {
        Optional<Permission> level = info == null ? Optional.of(Permission.ADMIN) : level(who, info);
        if (level.isPresent() && level.get().includes(needs(action))) {
            return Decision.ALLOWED;
        }
        if (who == null) {
            return Decision.SIGN_IN;
        }
        if (action == Action.PUSH) {
            // a new collection may be made by pushing to it; everything else is refused alike, seen or not
            boolean isNew = info.isEmpty() && !collections.hasImages(collection);
            return isNew && mayCreate(who) ? Decision.ALLOWED : Decision.DENIED;
        }
        return level.isPresent() ? Decision.DENIED : Decision.HIDDEN;
    }

    /**
     * {@link #decide} for a push that is about to happen: a new collection is created first, owned
     * by the caller, so that the push lands in a collection that is theirs (two first pushes at once:
     * one creates it, the other is decided against the result).
     */
    public Decision claimForPush(User caller, String collection) {
        User who = active(caller);
        if (who != null && who.admin()) {
            // administrators may push anywhere; a new collection is still made, theirs
            if (collections.find(collection).isEmpty()
                    && collections.createIfAbsent(collection, who.id(), policy.get().defaultVisibility())) {
                created.accept(who, collection);
            }
            return Decision.ALLOWED;
        }
        Optional<CollectionStore.CollectionInfo> info = collections.find(collection);
        Decision decision = decide(who, collection, Action.PUSH, info);
        if (decision.allowed() && info.isEmpty()) {
            if (collections.createIfAbsent(collection, who.id(), policy.get().defaultVisibility())) {
                created.accept(who, collection);
            }
            return decide(who, collection, Action.PUSH, collections.find(collection));
        }
        return decision;
    }

    /** The enabled caller, or null (anonymous, or a disabled account: both count as nobody). */
    private static User active(User caller) {
        return caller != null && caller.enabled() ? caller : null;
    }

    /** True when anonymous callers may pull from public collections. */
    public boolean anonymousPull() {
        return policy.get().anonymousPull();
    }

    /** True when {@code caller} may create collections. */
    public boolean mayCreate(User caller) {
        return caller != null && caller.enabled() && (caller.admin() || policy.get().usersCreate());
    }

    /**
     * The collections {@code caller} may see (pull from), for filtering lists; empty means all
     * (an administrator).
     */
    public Optional<Set<String>> visibleCollections(User caller) {
        User who = active(caller);
        if (who != null && who.admin()) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        if (who != null || policy.get().anonymousPull()) {
            names.addAll(jdbi.withHandle(h -> h.createQuery("SELECT name FROM collections WHERE visibility = 'public'")
                    .mapTo(String.class).list()));
        }
        if (who != null) {
            names.addAll(jdbi.withHandle(h -> h.createQuery("SELECT name FROM collections WHERE owner_user_id = :u"
                            + " OR owner_team_id IN (SELECT team_id FROM team_members WHERE user_id = :u)"
                            + " UNION SELECT collection FROM collection_members WHERE (principal_type = 'user'"
                            + " AND principal_id = :u) OR (principal_type = 'team' AND principal_id IN"
                            + " (SELECT team_id FROM team_members WHERE user_id = :u))")
                    .bind("u", who.id()).mapTo(String.class).list()));
        }
        return Optional.of(names);
    }

    /** A collection the caller may use, and how far. */
    public record Usable(CollectionStore.CollectionInfo collection, Permission permission) {
    }

    /** The collections {@code caller} may see, by name, each looked up once with the caller's level in it. */
    public List<Usable> usableCollections(User caller) {
        User who = active(caller);
        if (who != null && who.admin()) {
            return collections.all().stream().map(c -> new Usable(c, Permission.ADMIN)).toList();
        }
        List<Usable> usable = new java.util.ArrayList<>();
        for (String name : visibleCollections(who).orElseThrow().stream().sorted().toList()) {
            Optional<CollectionStore.CollectionInfo> info = collections.find(name);
            level(who, info).ifPresent(level -> usable.add(new Usable(info.get(), level)));
        }
        return usable;
    }

    /**
     * True when {@code caller} owns the collection: its owner user, or a member of its owner team.
     * Only owners (and registry administrators) hand a collection to another owner.
     */
    public boolean owns(User caller, String collection) {
        User who = active(caller);
        return who != null && collections.find(collection).map(c -> ownedBy(who, c, teamsOf(who.id()))).orElse(false);
    }

    /** True when {@code caller} is a member of the team with this id. */
    public boolean inTeam(User caller, String teamId) {
        return caller != null && teamsOf(caller.id()).contains(teamId);
    }

    /** The level an action takes. */
    static Permission needs(Action action) {
        return switch (action) {
            case PULL -> Permission.PULL;
            case PUSH -> Permission.PUSH;
            case DELETE, MANAGE -> Permission.ADMIN;
        };
    }

    private Set<String> teamsOf(String userId) {
        return new HashSet<>(jdbi.withHandle(h -> h.createQuery("SELECT team_id FROM team_members WHERE user_id = :u")
                .bind("u", userId).mapTo(String.class).list()));
    }
}
