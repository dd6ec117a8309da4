package org.sregistry.host.access;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import org.sregistry.host.users.TeamStore;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.access.Action;
import org.sregistry.registry.access.Decision;

/**
 * What owners and administrators do to collections, for {@code /api/collections} and the
 * collection page alike: show one (members only to who manages it), and change visibility, owner
 * and members with the rules that keep it safe — everything is checked before anything is
 * written, only the owner hands a collection on (to themselves or a team they are in; a registry
 * administrator to anyone), a hidden collection answers like a missing one, and every change is
 * audited as {@code collection.update}.
 */
public final class CollectionAdmin {
    private final CollectionStore collections;
    private final Permissions permissions;
    private final UserStore users;
    private final TeamStore teams;
    private final org.sregistry.host.audit.Audit audit;

    /** @param audit records every change as {@code collection.update} (visibility, owner, members) */
    public CollectionAdmin(CollectionStore collections, Permissions permissions, UserStore users, TeamStore teams,
                                  org.sregistry.host.audit.Audit audit) {
        this.audit = audit;
        this.collections = collections;
        this.permissions = permissions;
        this.users = users;
        this.teams = teams;
    }

    /** A principal: exactly one of user and team. */
    public record PrincipalJson(String user, String team) {
    }

    /** A member with a permission. */
    public record MemberJson(String user, String team, String permission) {
    }

    /** A collection as the API shows it. */
    public record CollectionJson(String name, String visibility, PrincipalJson owner, String yourPermission,
                                 List<MemberJson> members) {
    }

    /** The body of {@code PUT}. */
    public record CollectionChange(String visibility, PrincipalJson owner, List<MemberJson> members) {
    }

    /** The collections {@code me} may see (null: anonymous). */
    public List<CollectionJson> list(User me) {
        List<CollectionJson> out = new ArrayList<>();
        for (Permissions.Usable usable : permissions.usableCollections(me)) {
            out.add(json(usable.collection(), me));
        }
        return out;
    }

    /** One collection as {@code me} may see it; 404 when hidden or missing. */
    public CollectionJson get(User me, String name) {
        if (!permissions.decide(me, name, Action.PULL).allowed()) {
            throw new NotFoundException("no collection named " + name);
        }
        return json(collections.find(name).orElseThrow(() -> new NotFoundException("no collection named " + name)), me);
    }

    /** Applies a change for {@code me} (creating the collection where they may); 400/403 say what is wrong. */
    public CollectionJson change(User me, String name, CollectionChange change) {
        if (change == null) {
            throw new IllegalArgumentException("expected a JSON object with visibility, owner and/or members");
        }
        if (!org.sregistry.api.ImageNameParser.isCollection(name)) { // the rule image names follow
            throw new IllegalArgumentException("'" + name + "' is not a collection name (lower-case letters, digits,"
                    + " '.', '_', '-')");
        }
        // everything is checked before anything is written: a refused request changes nothing
        Visibility visibility = change.visibility() == null ? null : Visibility.parse(change.visibility())
                .orElseThrow(() -> new IllegalArgumentException("visibility must be public or private"));
        String[] owner = change.owner() == null ? null : principal(change.owner().user(), change.owner().team(), "owner");
        List<CollectionStore.Member> members = change.members() == null ? null : members(change.members());
        boolean exists = collections.find(name).isPresent();
        Decision may = exists ? permissions.decide(me, name, Action.MANAGE) : permissions.decide(me, name, Action.PUSH);
        if (may != Decision.ALLOWED) {
            // the same answer whether the collection is hidden, visible but not the caller's, or not to be created
            throw new WebApplicationException("you may not create or change collection " + name
                    + ": that takes its owner, an admin member or a registry administrator", 403);
        }
        if (owner != null && !me.admin()) {
            boolean ownerNow = !exists || permissions.owns(me, name);
            boolean toSelf = owner[0].equals("user") ? owner[1].equals(me.id()) : permissions.inTeam(me, owner[1]);
            if (!ownerNow || !toSelf) {
                throw new WebApplicationException("only the owner hands a collection on, and only to themselves or a"
                        + " team they are in; a registry administrator can give it to anyone", 403);
            }
        }
        if (!exists && !permissions.claimForPush(me, name).allowed()) {
            throw new WebApplicationException("you may not create collection " + name, 403);
        }
        collections.update(name, visibility, owner != null && owner[0].equals("user") ? owner[1] : null,
                owner != null && owner[0].equals("team") ? owner[1] : null, members);
        CollectionJson now = json(collections.find(name).orElseThrow(), me);
        java.util.Map<String, String> details = new java.util.TreeMap<>();
        details.put("visibility", now.visibility());
        details.put("owner", now.owner().user() != null ? "user:" + now.owner().user() : "team:" + now.owner().team());
        if (now.members() != null) {
            details.put("members", String.join(" ", now.members().stream().map(m -> (m.user() != null ? "user:" + m.user()
                    : "team:" + m.team()) + "=" + m.permission()).toList()));
        }
        audit.record("collection.update", name, org.sregistry.host.audit.Audit.Outcome.OK, details);
        return now;
    }

    /** The members of a request, each named once (400 naming a duplicate or an unknown permission). */
    private List<CollectionStore.Member> members(List<MemberJson> given) {
        List<CollectionStore.Member> members = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MemberJson m : given) {
            if (m == null) {
                throw new IllegalArgumentException("a member is an object {\"user\" or \"team\", \"permission\"}");
            }
            String[] who = principal(m.user(), m.team(), "member");
            if (!seen.add(who[0] + ":" + who[1])) {
                throw new IllegalArgumentException((m.user() != null ? "user " + m.user() : "team " + m.team())
                        + " is listed twice among the members");
            }
            Permission permission = Permission.parse(m.permission()).orElseThrow(() ->
                    new IllegalArgumentException("a member's permission must be pull, push or admin"));
            members.add(new CollectionStore.Member(who[0], who[1], permission));
        }
        return members;
    }

    /** {type, id} of a user or team named in a request; 400 naming the problem. */
    private String[] principal(String user, String team, String what) {
        if ((user == null) == (team == null)) {
            throw new IllegalArgumentException("a " + what + " names exactly one of user and team");
        }
        if (user != null) {
            return new String[] {"user", users.byName(user).orElseThrow(() ->
                    new IllegalArgumentException("no user named " + user)).id()};
        }
        return new String[] {"team", teams.byName(team).orElseThrow(() ->
                new IllegalArgumentException("no team named " + team)).id()};
    }

    private CollectionJson json(CollectionStore.CollectionInfo c, User me) {
        String level = permissions.level(me, c.name()).map(Permission::key).orElse(null);
        List<MemberJson> members = null;
        if (permissions.decide(me, c.name(), Action.MANAGE).allowed()) {
            members = new ArrayList<>();
            for (CollectionStore.Member m : collections.members(c.name())) {
                String label = m.type().equals("user") ? users.byId(m.principalId()).map(User::username).orElse("?")
                        : teams.byId(m.principalId()).map(TeamStore.Team::name).orElse("?");
                members.add(m.type().equals("user") ? new MemberJson(label, null, m.permission().key())
                        : new MemberJson(null, label, m.permission().key()));
            }
        }
        PrincipalJson owner = c.ownerUserId() != null
                ? new PrincipalJson(users.byId(c.ownerUserId()).map(User::username).orElse("?"), null)
                : new PrincipalJson(null, teams.byId(c.ownerTeamId()).map(TeamStore.Team::name).orElse("?"));
        return new CollectionJson(c.name(), c.visibility().key(), owner, level, members);
    }

}
