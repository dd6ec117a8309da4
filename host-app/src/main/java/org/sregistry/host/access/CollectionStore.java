package org.sregistry.host.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.db.SqlErrors;

/**
 * The {@code collections} and {@code collection_members} tables: who owns a collection, who else
 * may use it, and whether it is public.
 */
public final class CollectionStore {
    private static final String COLUMNS = "name, visibility, owner_user_id, owner_team_id, created_at, updated_at";
    private final Jdbi jdbi;
    private final Clock clock;

    public CollectionStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    /**
     * A collection's row.
     *
     * @param ownerUserId the owning user, or null when a team owns it
     * @param ownerTeamId the owning team, or null when a user owns it
     */
    public record CollectionInfo(String name, Visibility visibility, String ownerUserId, String ownerTeamId,
                                 Instant createdAt, Instant updatedAt) {
    }

    /**
     * A member.
     *
     * @param type        {@code user} or {@code team}
     * @param principalId the user's or team's id
     */
    public record Member(String type, String principalId, Permission permission) {
    }

    public Optional<CollectionInfo> find(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM collections WHERE name = :n")
                .bind("n", name).map(CollectionStore::row).findOne());
    }

    /** Every collection, by name. */
    public List<CollectionInfo> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM collections ORDER BY name")
                .map(CollectionStore::row).list());
    }

    private static CollectionInfo row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new CollectionInfo(rs.getString("name"), Visibility.parse(rs.getString("visibility")).orElse(Visibility.PRIVATE),
                rs.getString("owner_user_id"), rs.getString("owner_team_id"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    /** The members of a collection (the owner is not listed: owning is more than any membership). */
    public List<Member> members(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT principal_type, principal_id, permission FROM collection_members"
                        + " WHERE collection = :n ORDER BY principal_type, principal_id")
                .bind("n", name).map((rs, ctx) -> new Member(rs.getString("principal_type"), rs.getString("principal_id"),
                        Permission.parse(rs.getString("permission")).orElse(Permission.PULL)))
                .list());
    }

    /** Creates a collection owned by a user, unless one of that name exists; true when this call made it. */
    public boolean createIfAbsent(String name, String ownerUserId, Visibility visibility) {
        try {
            jdbi.useHandle(h -> insert(h, name, ownerUserId, visibility));
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private void insert(Handle h, String name, String ownerUserId, Visibility visibility) {
        long now = clock.millis();
        h.createUpdate("INSERT INTO collections (name, visibility, owner_user_id, created_at, updated_at)"
                        + " VALUES (:n, :v, :o, :now, :now)")
                .bind("n", name).bind("v", visibility.key()).bind("o", ownerUserId).bind("now", now).execute();
    }

    /**
     * Gives every collection that has images or OCI repositories but no row (made before accounts
     * existed, or by a plugin or the CLI) to {@code ownerUserId}, private; answers how many.
     */
    public int adoptUnowned(String ownerUserId) {
        return jdbi.inTransaction(h -> {
            java.util.Set<String> names = new java.util.TreeSet<>(h.createQuery("SELECT DISTINCT collection FROM images")
                    .mapTo(String.class).list());
            for (String repository : h.createQuery("SELECT DISTINCT repository FROM oci_links").mapTo(String.class).list()) {
                names.add(Permissions.collectionOf(repository));
            }
            names.removeAll(h.createQuery("SELECT name FROM collections").mapTo(String.class).list());
            for (String name : names) {
                insert(h, name, ownerUserId, Visibility.PRIVATE);
            }
            return names.size();
        });
    }

    /** True when images of this collection exist (so the name is not free to claim). */
    public boolean hasImages(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM images WHERE collection = :n")
                .bind("n", name).mapTo(Integer.class).one()) > 0
                || jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM oci_links WHERE repository = :n"
                                + " OR repository LIKE :p ESCAPE '!'")
                        .bind("n", name).bind("p", name.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%")
                        .mapTo(Integer.class).one()) > 0;
    }

    /**
     * Replaces a collection's visibility, owner and members in one transaction (null visibility or
     * owner: unchanged; null members: unchanged).
     */
    public void update(String name, Visibility visibility, String ownerUserId, String ownerTeamId, List<Member> members) {
        jdbi.useTransaction(h -> {
            long now = clock.millis();
            if (visibility != null) {
                h.createUpdate("UPDATE collections SET visibility = :v, updated_at = :now WHERE name = :n")
                        .bind("v", visibility.key()).bind("now", now).bind("n", name).execute();
            }
            if (ownerUserId != null || ownerTeamId != null) {
                h.createUpdate("UPDATE collections SET owner_user_id = :u, owner_team_id = :t, updated_at = :now"
                                + " WHERE name = :n")
                        .bind("u", ownerUserId).bind("t", ownerTeamId).bind("now", now).bind("n", name).execute();
            }
            if (members != null) {
                h.createUpdate("DELETE FROM collection_members WHERE collection = :n").bind("n", name).execute();
                for (Member m : members) {
                    h.createUpdate("INSERT INTO collection_members (collection, principal_type, principal_id, permission)"
                                    + " VALUES (:n, :t, :p, :perm)")
                            .bind("n", name).bind("t", m.type()).bind("p", m.principalId()).bind("perm", m.permission().key())
                            .execute();
                }
                h.createUpdate("UPDATE collections SET updated_at = :now WHERE name = :n")
                        .bind("now", now).bind("n", name).execute();
            }
        });
    }
}
