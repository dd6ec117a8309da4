package org.sregistry.globus.tokens;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.Secrets;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TokenProvider;
import org.sregistry.globus.client.TokenSet;
import org.sregistry.globus.client.UserInfo;
import org.sregistry.host.secrets.Keyring;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserTokenStoreTest {
    private static final ServiceRoots P = ServiceRoots.PRODUCTION;
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");
    private static final UserInfo ALICE = new UserInfo("11111111-aaaa", "alice@uni.edu", "Alice", null, null, null,
            null, null);
    private static final UserInfo BOB = new UserInfo("22222222-bbbb", "bob@uni.edu", "Bob", null, null, null, null,
            null);

    @TempDir
    Path dir;
    Database db;
    JdbcPluginStore store;
    Keyring keyring;
    UserTokenStore users;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("registry"));
        store = new JdbcPluginStore(db, "globus", Clock.systemUTC());
        keyring = new Keyring(dir.resolve("registry"), Clock.systemUTC());
        users = new UserTokenStore(store, keyring.forPlugin("globus"), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static TokenSet login(String suffix) {
        ResourceToken transfer = new ResourceToken(GlobusScopes.TRANSFER_RESOURCE_SERVER, "AgXfer" + suffix,
                "AgXferRef" + suffix, EXPIRY, GlobusScopes.TRANSFER_ALL);
        return new TokenSet(Map.of(transfer.resourceServer(), transfer), null, null);
    }

    @Test
    void eachUserKeepsTheirOwnTokensAndTheDatabaseHoldsNoTokenText() {
        users.of("alice").saveLogin(login("Alice"), ALICE, P);
        users.of("bob").saveLogin(login("Bob"), BOB, P);

        assertThat(users.of("alice").readFor(P).token(GlobusScopes.TRANSFER_RESOURCE_SERVER).orElseThrow()
                .accessToken()).isEqualTo("AgXferAlice");
        assertThat(users.of("bob").read().identity().sub()).isEqualTo(BOB.sub());
        assertThat(users.of("carol").read().hasNoTokens()).isTrue();
        String raw = store.get(UserTokenStore.KIND, "alice").orElseThrow();
        assertThat(raw).doesNotContain("AgXfer").contains("alice@uni.edu").contains("\"state\":\"connected\"");
        assertThat(users.list()).extracting(UserConnection::user).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void aSealedValueCopiedIntoAnotherUsersRecordDoesNotOpen() {
        users.of("alice").saveLogin(login("Alice"), ALICE, P);
        users.of("bob").saveLogin(login("Bob"), BOB, P);
        String alice = store.get(UserTokenStore.KIND, "alice").orElseThrow();
        String bob = store.get(UserTokenStore.KIND, "bob").orElseThrow();
        String sealedOfAlice = alice.replaceAll(".*\"sealed\":\"([^\"]+)\".*", "$1");
        String sealedOfBob = bob.replaceAll(".*\"sealed\":\"([^\"]+)\".*", "$1");
        store.put(UserTokenStore.KIND, "bob", bob.replace(sealedOfBob, sealedOfAlice));

        assertThat(users.of("bob").read().hasNoTokens()).isTrue(); // no login, rather than Alice's
    }

    @Test
    void oneGlobusIdentityServesOneRegistryAccount() {
        users.of("alice").saveLogin(login("Alice"), ALICE, P);

        assertThatThrownBy(() -> users.of("bob").saveLogin(login("Bob"), ALICE, P))
                .isInstanceOf(IdentityInUseException.class).hasMessageContaining("alice@uni.edu");
        assertThat(users.of("bob").read().hasNoTokens()).isTrue();

        users.of("alice").delete();
        users.of("bob").saveLogin(login("Bob"), ALICE, P); // free again once Alice disconnected
        assertThat(users.of("bob").read().identity().sub()).isEqualTo(ALICE.sub());
    }

    @Test
    void aRefreshWritesBackUnlessANewerLoginCameFirst() {
        users.of("alice").saveLogin(login("1"), ALICE, P);
        TokenProvider provider = users.of("alice").provider(P);
        ResourceToken used = provider.token(GlobusScopes.TRANSFER_RESOURCE_SERVER).orElseThrow();
        ResourceToken rotated = new ResourceToken(used.resourceServer(), "AgXferNew", "AgXferRefNew", EXPIRY,
                used.scope());
        assertThat(provider.tokenRefreshed(used, rotated)).isTrue();
        assertThat(users.of("alice").read().token(used.resourceServer()).orElseThrow().refreshToken())
                .isEqualTo("AgXferRefNew");

        users.of("alice").saveLogin(login("2"), ALICE, P); // a new login while a stale refresh was in flight
        assertThat(provider.tokenRefreshed(used, rotated)).isFalse();
        assertThat(users.of("alice").read().token(used.resourceServer()).orElseThrow().accessToken())
                .isEqualTo("AgXfer2");
    }

    @Test
    void aSignInLoginKeepsItsOriginThroughRefreshesUntilAConnectReplacesIt() {
        users.of("alice").saveSignIn(login("1"), ALICE, P);
        assertThat(users.connection("alice").orElseThrow().origin()).isEqualTo(UserConnection.ORIGIN_SIGN_IN);
        assertThat(users.of("alice").origin()).isEqualTo(UserConnection.ORIGIN_SIGN_IN);
        assertThatThrownBy(() -> users.of("bob").saveSignIn(login("2"), ALICE, P))
                .as("the same identity claim as a Connect").isInstanceOf(IdentityInUseException.class);

        TokenProvider provider = users.of("alice").provider(P);
        ResourceToken used = provider.token(GlobusScopes.TRANSFER_RESOURCE_SERVER).orElseThrow();
        assertThat(provider.tokenRefreshed(used, new ResourceToken(used.resourceServer(), "AgXferNew",
                "AgXferRefNew", EXPIRY, used.scope()))).isTrue();
        assertThat(users.connection("alice").orElseThrow().fromSignIn()).as("a refresh keeps the origin").isTrue();

        users.of("alice").saveLogin(login("3"), ALICE, P); // Connect: the plugin's own login now
        assertThat(users.connection("alice").orElseThrow().origin()).isEqualTo(UserConnection.ORIGIN_CONNECT);
        assertThat(users.of("carol").origin()).as("nothing stored").isEqualTo(UserConnection.ORIGIN_CONNECT);
    }

    @Test
    void needsUpdateIsShownUntilTheUserConnectsAgain() {
        users.of("alice").saveLogin(login("1"), ALICE, P);
        assertThat(users.markNeedsUpdate("alice", "Globus refused alice's stored login")).isTrue();
        assertThat(users.connection("alice").orElseThrow().needsUpdate()).isTrue();
        assertThat(users.markNeedsUpdate("bob", "nothing to mark")).isFalse();

        users.of("alice").saveLogin(login("2"), ALICE, P);
        UserConnection again = users.connection("alice").orElseThrow();
        assertThat(again.needsUpdate()).isFalse();
        assertThat(again.problem()).isNull();
    }

    @Test
    void aRetiredKeyLeavesTheUserUnconnectedNotCrashed() {
        users.of("alice").saveLogin(login("1"), ALICE, P);
        String old = keyring.currentKey();
        keyring.rotate();
        keyring.retire(java.util.List.of(old));

        StoredTokens read = users.of("alice").read();
        assertThat(read.hasNoTokens()).isTrue();
        assertThat(read.identity().sub()).isEqualTo(ALICE.sub());
    }

    @Test
    void theSecretsPurposeNamesTheUser() {
        Secrets secrets = keyring.forPlugin("globus");
        users.of("alice").saveLogin(login("1"), ALICE, P);
        String raw = store.get(UserTokenStore.KIND, "alice").orElseThrow();
        String sealed = raw.replaceAll(".*\"sealed\":\"([^\"]+)\".*", "$1");
        assertThat(secrets.open("globus-conn/alice", sealed).plaintext()).contains("AgXfer1");
        assertThatThrownBy(() -> secrets.open("globus-conn/bob", sealed))
                .isInstanceOf(org.sregistry.api.SecretUnreadableException.class);
    }
}
