package org.sregistry.globus.accounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.Access;
import org.sregistry.api.PluginStore;

/**
 * Keeps what the plugin holds per user name — the Globus connection with its tokens, the notification settings with
 * the webhook and its secret, the list of their transfers, their sync rules — for the account it was made for. An administrator may delete {@code alice} and
 * later create a new {@code alice}, or a directory may hand a departed person's login to someone else; the new
 * person must not act with the former one's Globus identity nor send their notices to the former one's webhook.
 * The account id behind each name is kept (kind {@value #KIND}); a caller with another id has the former account's
 * data forgotten (the connection logged out at Globus) before any of their requests is served. The import task
 * also {@link #sweep sweeps} every round, before any background work runs as a user: a deleted account's data is
 * forgotten (its tokens revoked, its identity free again), and a re-created one's former data too, even if the new
 * person never visits the plugin.
 */
public final class FormerAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(FormerAccounts.class);
    static final String KIND = "globus-account";
    private static final int REMEMBERED = 1024;
    private static final int MAX_ATTEMPTS = 10;
    /** More names than any registry has accounts. */
    private static final int MAX_NAMES = 100_000;

    private final PluginStore store;
    /** What to forget of a user name's former account. */
    private final List<Consumer<String>> forget;
    /** Names checked already (name → account id), so most requests read nothing. */
    private final Map<String, String> admitted = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    public FormerAccounts(PluginStore store, List<Consumer<String>> forget) {
        this.store = Objects.requireNonNull(store);
        this.forget = List.copyOf(forget);
    }

    /** Makes the name's data the caller's: the first account seen keeps it, a later one starts afresh. */
    public void admit(Access.Caller caller) {
        String user = caller.username();
        String account = caller.accountId();
        if (user == null || account == null || account.equals(remembered(user))) {
            return;
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<String> bound = store.get(KIND, user);
            if (bound.isEmpty()) {
                if (store.insertIfAbsent(KIND, user, account)) {
                    break; // data kept from before accounts were bound stays with the name's current account
                }
                continue;
            }
            if (bound.get().equals(account)) {
                break;
            }
            LOG.warn("User name {} now belongs to another account: forgetting the former one's Globus connection, "
                    + "notification settings, transfer list and sync rules", user);
            forget.forEach(f -> f.accept(user));
            if (store.replace(KIND, user, bound.get(), account)) {
                break;
            }
        }
        remember(user, account);
    }

    /**
     * Forgets the data of every name whose account was deleted (no account by that name now) or replaced (another
     * account id); a disabled account keeps its data. Answers the names forgotten.
     *
     * @param accountIdOf the account id behind a name now ({@link Access#accountId}); an exception ends the sweep
     */
    public List<String> sweep(Function<String, Optional<String>> accountIdOf) {
        List<String> forgotten = new ArrayList<>();
        for (PluginStore.StoredRecord bound : store.list(KIND, MAX_NAMES, 0)) {
            String user = bound.key();
            Optional<String> now = accountIdOf.apply(user);
            if (now.isPresent() && now.get().equals(bound.value())) {
                continue;
            }
            LOG.warn("The account {} had is {}: forgetting its Globus connection, notification settings, transfer "
                    + "list and sync rules", user, now.isPresent() ? "replaced by another" : "deleted");
            forget.forEach(f -> f.accept(user));
            boolean done = now.isPresent() ? store.replace(KIND, user, bound.value(), now.get())
                    : store.replace(KIND, user, bound.value(), "") && store.delete(KIND, user);
            if (done) {
                forgotten.add(user);
            }
            forgetRemembered(user);
        }
        return forgotten;
    }

    private synchronized void forgetRemembered(String user) {
        admitted.remove(user);
    }

    private synchronized String remembered(String user) {
        return admitted.get(user);
    }

    private synchronized void remember(String user, String account) {
        admitted.put(user, account);
    }
}
