package org.sregistry.api;

import java.util.Optional;

/**
 * Who is asking, and what they may do. Plugins never decide permissions themselves: they ask here, and the host
 * answers with the same rules as every other door (pages, REST, {@code /v2/}). {@link RegistryService} stays a
 * system view (it filters nothing), so a plugin that shows or changes images on someone's behalf filters with this.
 *
 * <pre>{@code
 * Access.Caller me = context.access().caller()
 *         .orElseThrow(() -> new NotAuthorizedException("sign in"));
 * if (!context.access().mayPush(me, collection)) {
 *     throw new ForbiddenException("you may not push to collection " + collection);
 * }
 * }</pre>
 */
public interface Access {

    /** The signed-in caller of the request on this thread; empty for anonymous callers and outside requests. */
    Optional<Caller> caller();

    /**
     * A user by name, for work done later on their behalf (e.g. a scheduled import of a file they asked for);
     * empty when no such user exists or the account is disabled.
     */
    Optional<Caller> user(String username);

    /**
     * The id of the account named {@code username}, enabled or disabled; empty when there is no such account (never
     * made, or deleted). Lets a plugin tell a deleted account, whose data it should forget, from a disabled one,
     * which may come back:
     *
     * <pre>{@code
     * if (!access.accountId("alice").equals(Optional.of(storedAccountId))) forgetAlicesData();
     * }</pre>
     */
    default Optional<String> accountId(String username) {
        return user(username).map(Caller::accountId);
    }

    /**
     * True when {@code caller} may pull the image {@code imageUri} ({@code collection/name:tag}, lookup rules of
     * {@link RegistryService#get}). False, never an exception, when the image does not exist: a hidden image and a
     * missing one look the same.
     */
    boolean mayPull(Caller caller, String imageUri);

    /**
     * True when {@code caller} may push into {@code collection}. A collection that does not exist yet is created,
     * owned by the caller, where the registry lets the caller create collections; answer as for a push.
     */
    boolean mayPush(Caller caller, String collection);

    /**
     * True when {@code caller} may manage {@code collection}: change its settings and members, delete its images, and
     * set up work that acts on the whole collection (e.g. a scheduled sync). That is its owner (or a member of its
     * owner team), a member with the admin permission, or a registry administrator. False for a collection that does
     * not exist, and never creates one.
     *
     * <pre>{@code
     * if (!context.access().mayManage(me, rule.collection())) {
     *     throw new ForbiddenException("only those who manage " + rule.collection() + " may sync into it");
     * }
     * }</pre>
     */
    boolean mayManage(Caller caller, String collection);

    /**
     * A user as plugins see them.
     *
     * <p>A name can come back: an administrator deletes {@code alice} and later creates a new {@code alice} (or a
     * directory hands her old login to someone else). Data a plugin keeps per user should therefore remember the
     * {@code accountId} it was made for and not hand it to a caller with another one:
     *
     * <pre>{@code
     * Caller me = access.caller().orElseThrow();
     * Settings mine = store.get("settings", me.username()).map(Settings::parse)
     *         .filter(s -> s.accountId() == null || s.accountId().equals(me.accountId()))
     *         .orElse(Settings.DEFAULT); // a former alice's settings are not this alice's
     * }</pre>
     *
     * @param username    the login name, e.g. {@code alice}
     * @param displayName shown on pages; may be empty
     * @param admin       true for a registry administrator
     * @param accountId   the account's id, never reused for another account; null when the caller is no account
     *                    (the command line's operator)
     */
    record Caller(String username, String displayName, boolean admin, String accountId) {
        /** A caller that is no registry account (e.g. the operator of a command). */
        public Caller(String username, String displayName, boolean admin) {
            this(username, displayName, admin, null);
        }
    }
}
