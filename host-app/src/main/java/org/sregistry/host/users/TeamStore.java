package org.sregistry.host.users;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.sregistry.registry.db.Database;

/**
 * Teams: named sets of users that can own collections or be their members. Teams of source
 * {@code ldap} or {@code oidc} are kept in step with the directory at each sign-in.
 */
public final class TeamStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TeamStore.class);
    private final Jdbi jdbi;
    private final Clock clock;

    public TeamStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    /** A team and its members' user names. */
    public record Team(String id, String name, String source, List<String> members) {
    }

    public Optional<Team> byName(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, source FROM teams WHERE name = :n").bind("n", name)
                .map((rs, ctx) -> new String[] {rs.getString("id"), rs.getString("name"), rs.getString("source")})
                .findOne()).map(this::withMembers);
    }

    public Optional<Team> byId(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, source FROM teams WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new String[] {rs.getString("id"), rs.getString("name"), rs.getString("source")})
                .findOne()).map(this::withMembers);
    }

    public List<Team> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, source FROM teams ORDER BY name")
                .map((rs, ctx) -> new String[] {rs.getString("id"), rs.getString("name"), rs.getString("source")})
                .list()).stream().map(this::withMembers).toList();
    }

    /** Makes a local team or replaces its members (user ids); answers the team. */
    public Team put(String name, List<String> memberIds) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("a team name is 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
        jdbi.useTransaction(h -> {
            String id = h.createQuery("SELECT id FROM teams WHERE name = :n").bind("n", name).mapTo(String.class)
                    .findOne().orElse(null);
            if (id == null) {
                id = UUID.randomUUID().toString();
                h.createUpdate("INSERT INTO teams (id, name, source, created_at) VALUES (:id, :n, 'local', :now)")
                        .bind("id", id).bind("n", name).bind("now", clock.millis()).execute();
            }
            h.createUpdate("DELETE FROM team_members WHERE team_id = :t").bind("t", id).execute();
            for (String member : memberIds) {
                h.createUpdate("INSERT INTO team_members (team_id, user_id) VALUES (:t, :u)")
                        .bind("t", id).bind("u", member).execute();
            }
        });
        return byName(name).orElseThrow();
    }

    /** Deletes a team that owns no collection; its memberships in collections go with it. */
    public boolean delete(String name) {
        Optional<Team> team = byName(name);
        if (team.isEmpty()) {
            return false;
        }
        int owned = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM collections WHERE owner_team_id = :t")
                .bind("t", team.get().id()).mapTo(Integer.class).one());
        if (owned > 0) {
            throw new jakarta.ws.rs.WebApplicationException("team " + name + " owns collections: give them another"
                    + " owner first", 409);
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM collection_members WHERE principal_type = 'team' AND principal_id = :t")
                    .bind("t", team.get().id()).execute();
            h.createUpdate("DELETE FROM teams WHERE id = :t").bind("t", team.get().id()).execute();
        });
        return true;
    }

    /**
     * Makes the user's memberships of teams of {@code source} ({@code ldap}, {@code oidc}) exactly
     * {@code names}, the groups a directory or provider says they are in at this sign-in: teams of that
     * source are made as needed; a team of the same name from elsewhere (made by an administrator, or
     * by the other source) is left alone, so a group never joins anybody to a team it does not own.
     * Memberships of teams of other sources are not touched. Two sign-ins making one new team at once:
     * the next attempt finds it.
     *
     * @param names team names the caller has already made valid
     */
    public void replaceExternalTeams(String userId, String source, java.util.Collection<String> names) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useTransaction(h -> replaceExternal(h, userId, source, names));
                return;
            } catch (org.jdbi.v3.core.JdbiException e) {
                if (attempt >= 3 || !org.sregistry.registry.db.SqlErrors.isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    private void replaceExternal(org.jdbi.v3.core.Handle h, String userId, String source,
                                 java.util.Collection<String> names) {
        h.createUpdate("DELETE FROM team_members WHERE user_id = :u"
                + " AND team_id IN (SELECT id FROM teams WHERE source = :s)").bind("u", userId).bind("s", source).execute();
        for (String name : new java.util.LinkedHashSet<>(names)) {
            Optional<String[]> team = h.createQuery("SELECT id, source FROM teams WHERE name = :n").bind("n", name)
                    .map((rs, ctx) -> new String[] {rs.getString("id"), rs.getString("source")}).findOne();
            String teamId;
            if (team.isEmpty()) {
                teamId = UUID.randomUUID().toString();
                h.createUpdate("INSERT INTO teams (id, name, source, created_at) VALUES (:id, :n, :s, :now)")
                        .bind("id", teamId).bind("n", name).bind("s", source).bind("now", clock.millis()).execute();
                LOG.info("Team {} made from the {} group of that name", name, source);
            } else if (!source.equals(team.get()[1])) {
                LOG.warn("The {} group {} is not applied: the team of that name is a {} team", source, name,
                        team.get()[1]);
                continue;
            } else {
                teamId = team.get()[0];
            }
            h.createUpdate("INSERT INTO team_members (team_id, user_id) VALUES (:t, :u)")
                    .bind("t", teamId).bind("u", userId).execute();
        }
    }

    private Team withMembers(String[] row) {
        List<String> members = jdbi.withHandle(h -> h.createQuery("SELECT u.username FROM team_members m JOIN users u"
                + " ON u.id = m.user_id WHERE m.team_id = :t ORDER BY u.username").bind("t", row[0])
                .mapTo(String.class).list());
        return new Team(row[0], row[1], row[2], members);
    }
}
