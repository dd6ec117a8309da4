package org.sregistry.globus.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.Access;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/** {@link FormerAccounts} on the host's real plugin store, two instances standing for two registry processes. */
class FormerAccountsTest {
    @TempDir
    Path dir;
    Database db;
    JdbcPluginStore store;
    final List<String> forgotten = new ArrayList<>();

    @BeforeEach
    void open() {
        db = Database.open(dir);
        store = new JdbcPluginStore(db, "globus", Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private FormerAccounts process() {
        return new FormerAccounts(store, List.of(forgotten::add));
    }

    private static Access.Caller alice(String accountId) {
        return new Access.Caller("alice", "Alice", false, accountId);
    }

    @Test
    void theFirstAccountKeepsTheDataAndALaterOneWithTheSameNameStartsAfresh() {
        FormerAccounts a = process();
        a.admit(alice("acc-1"));
        a.admit(alice("acc-1"));
        assertThat(forgotten).isEmpty();

        a.admit(alice("acc-2"));
        assertThat(forgotten).containsExactly("alice");
        a.admit(alice("acc-2"));
        // another process that saw only the first account learns from the store
        process().admit(alice("acc-2"));
        assertThat(forgotten).containsExactly("alice");
    }

    @Test
    void aProcessThatRememberedTheFormerAccountStillForgetsForTheNewOne() {
        FormerAccounts a = process();
        FormerAccounts b = process();
        a.admit(alice("acc-1"));
        b.admit(alice("acc-1"));
        a.admit(alice("acc-2"));
        b.admit(alice("acc-2")); // already bound to acc-2 by a: nothing more to forget
        assertThat(forgotten).containsExactly("alice");
    }

    @Test
    void aCallerThatIsNoAccountChangesNothing() {
        process().admit(new Access.Caller("operator", "command line", true));
        assertThat(store.get(FormerAccounts.KIND, "operator")).isEmpty();
        assertThat(forgotten).isEmpty();
    }

    @Test
    void aSweepForgetsDeletedAndReplacedAccountsAndKeepsTheRest() {
        FormerAccounts a = process();
        a.admit(alice("acc-1"));
        a.admit(new Access.Caller("bob", "Bob", false, "acc-b"));
        a.admit(new Access.Caller("dora", "Dora", false, "acc-d"));
        java.util.Map<String, String> now = java.util.Map.of("bob", "acc-b2", "dora", "acc-d"); // alice deleted

        assertThat(a.sweep(name -> java.util.Optional.ofNullable(now.get(name))))
                .containsExactlyInAnyOrder("alice", "bob");
        assertThat(forgotten).containsExactlyInAnyOrder("alice", "bob");
        assertThat(store.get(FormerAccounts.KIND, "alice")).isEmpty();
        assertThat(store.get(FormerAccounts.KIND, "bob")).contains("acc-b2");
        // the new bob is admitted without forgetting a second time; a second sweep finds nothing
        a.admit(new Access.Caller("bob", "Bob", false, "acc-b2"));
        assertThat(a.sweep(name -> java.util.Optional.ofNullable(now.get(name)))).isEmpty();
        assertThat(forgotten).hasSize(2);
    }
}
