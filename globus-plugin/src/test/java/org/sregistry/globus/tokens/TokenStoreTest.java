package org.sregistry.globus.tokens;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TokenProvider;
import org.sregistry.globus.client.TokenSet;
import org.sregistry.globus.client.UserInfo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class TokenStoreTest {

    @TempDir
    Path dir;

    private static final ServiceRoots P = ServiceRoots.PRODUCTION;
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

    private static TokenSet login(String suffix) {
        ResourceToken transfer = new ResourceToken(GlobusScopes.TRANSFER_RESOURCE_SERVER, "AgXfer" + suffix,
                "AgXferRef" + suffix, EXPIRY, GlobusScopes.TRANSFER_ALL);
        ResourceToken auth = new ResourceToken(GlobusScopes.AUTH_RESOURCE_SERVER, "AgAuth" + suffix,
                "AgAuthRef" + suffix, EXPIRY, "openid profile email");
        return new TokenSet(Map.of(transfer.resourceServer(), transfer, auth.resourceServer(), auth), null, null);
    }

    @Test
    void fileIsOwnerOnlyAndRoundTripsEverything() throws Exception {
        Path file = dir.resolve("data/tokens.json");
        TokenStore store = new TokenStore(file);
        UserInfo who = new UserInfo("658064e9", "jdoe@example.edu", "Jane Doe", "jdoe@example.edu", null, null, null, null);
        store.saveLogin(login("1"), who, P);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().resolveSibling("tokens.json.lock"))))
                .isEqualTo("rw-------");

        StoredTokens again = new TokenStore(file).read();
        assertThat(again.identity()).isEqualTo(who);
        ResourceToken t = again.token(GlobusScopes.TRANSFER_RESOURCE_SERVER).orElseThrow();
        assertThat(t.accessToken()).isEqualTo("AgXfer1");
        assertThat(t.refreshToken()).isEqualTo("AgXferRef1");
        assertThat(t.expiresAt()).isEqualTo(EXPIRY);
        assertThat(t.scope()).isEqualTo(GlobusScopes.TRANSFER_ALL);
        assertThat(again.token(GlobusScopes.AUTH_RESOURCE_SERVER)).isPresent();
        assertThat(again.updatedAt()).isNotNull();
        String raw = Files.readString(file);
        assertThat(raw).contains("\"tokens\"", "\"transfer.api.globus.org\"", "\"expires_at\"", "\"refresh_token\"");
    }

    @Test
    void replaceIsAtomicNewInodeNoLeftoversAndStaysPrivate() throws Exception {
        Path file = dir.resolve("tokens.json");
        TokenStore store = new TokenStore(file);
        store.saveLogin(login("1"), null, P);
        Object inodeBefore = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        store.saveLogin(login("2"), null, P);
        Object inodeAfter = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        assertThat(inodeAfter).isNotEqualTo(inodeBefore); // renamed over, not rewritten in place
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("tokens.json", "tokens.json.lock");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(store.read().token(GlobusScopes.TRANSFER_RESOURCE_SERVER).orElseThrow().accessToken())
                .isEqualTo("AgXfer2");
    }

    @Test
    void noticesTokensWrittenByAnotherProcess() throws Exception {
        Path file = dir.resolve("tokens.json");
        TokenStore server = new TokenStore(file);
        assertThat(server.read().hasNoTokens()).isTrue();

        new TokenStore(file).saveLogin(login("cli"), null, P); // "the CLI"
        assertThat(server.read().token(GlobusScopes.TRANSFER_RESOURCE_SERVER).orElseThrow().accessToken())
                .isEqualTo("AgXfercli");

        // A foreign writer replacing the file by hand (same size, different content) is noticed too.
        String edited = Files.readString(file).replace("AgXfercli", "AgXferxyz");
        Path tmp = dir.resolve("edit.tmp");
        Files.writeString(tmp, edited, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(server.read().token(GlobusScopes.TRANSFER_RESOURCE_SERVER).orElseThrow().accessToken())
                .isEqualTo("AgXferxyz");

        Files.delete(file);
        assertThat(server.read().hasNoTokens()).isTrue();
    }

    @Test
    void readIsCachedUntilTheFileChanges() throws Exception {
        Path file = dir.resolve("tokens.json");
        TokenStore store = new TokenStore(file);
        store.saveLogin(login("1"), null, P);
        StoredTokens a = store.read();
        StoredTokens b = store.read();
        assertThat(b).isSameAs(a);
    }

    @Test
    void providerWritesRefreshedTokensBack() {
        Path file = dir.resolve("tokens.json");
        TokenStore store = new TokenStore(file);
        store.saveLogin(login("1"), null, P);
        TokenProvider provider = store.provider(P);
        ResourceToken rotated = new ResourceToken(GlobusScopes.TRANSFER_RESOURCE_SERVER, "AgXferNew", "AgXferRefNew",
                EXPIRY.plus(1, ChronoUnit.DAYS), GlobusScopes.TRANSFER_ALL);
        assertThat(provider.tokenRefreshed(login("1").transfer().orElseThrow(), rotated)).isTrue();

        StoredTokens fromDisk = new TokenStore(file).read();
        assertThat(fromDisk.token(GlobusScopes.TRANSFER_RESOURCE_SERVER)).contains(rotated);
        assertThat(fromDisk.token(GlobusScopes.AUTH_RESOURCE_SERVER).orElseThrow().accessToken()).isEqualTo("AgAuth1");
    }

    @Test
    void consentTokensAreStoredBesideTheLoginAndSurviveANewLogin() {
        Path file = dir.resolve("tokens.json");
        TokenStore store = new TokenStore(file);
        store.saveLogin(login("1"), null, P);
        String scope = GlobusScopes.transferWithDataAccess(List.of("c0ffee"));
        ResourceToken consent = new ResourceToken(GlobusScopes.TRANSFER_RESOURCE_SERVER, "AgConsent", "AgConsentRef",
                EXPIRY, GlobusScopes.TRANSFER_ALL); // Globus reports the base scope on the token
        store.saveConsent(scope, new TokenSet(Map.of(consent.resourceServer(), consent), null, null), P);
        store.saveLogin(login("2"), null, P);

        StoredTokens s = new TokenStore(file).read();
        assertThat(s.token(GlobusScopes.TRANSFER_RESOURCE_SERVER).orElseThrow().accessToken()).isEqualTo("AgXfer2");
        assertThat(s.consentTokenFor("c0ffee")).contains(consent);
        assertThat(s.consentTokenFor("other")).isEmpty();

        TokenProvider consentProvider = store.consentProvider(scope, P);
        assertThat(consentProvider.token(GlobusScopes.TRANSFER_RESOURCE_SERVER).orElseThrow().accessToken())
                .isEqualTo("AgConsent");
        assertThat(consentProvider.token(GlobusScopes.AUTH_RESOURCE_SERVER).orElseThrow().accessToken())
                .isEqualTo("AgAuth2");
        assertThat(consentProvider.tokenRefreshed(consent, new ResourceToken(GlobusScopes.TRANSFER_RESOURCE_SERVER,
                "AgConsent2", "AgConsentRef2", EXPIRY, scope))).isTrue();
        assertThat(store.read().consentTokenFor("c0ffee").orElseThrow().accessToken()).isEqualTo("AgConsent2");
        assertThat(store.read().token(GlobusScopes.TRANSFER_RESOURCE_SERVER).orElseThrow().accessToken())
                .isEqualTo("AgXfer2");
    }

    @Test
    void concurrentUpdatesFromTwoStoresLoseNothing() throws Exception {
        Path file = dir.resolve("tokens.json");
        TokenStore a = new TokenStore(file);
        TokenStore b = new TokenStore(file);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                TokenStore s = n % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> s.update(t -> t.withConsentToken("scope-" + n,
                        new ResourceToken(GlobusScopes.TRANSFER_RESOURCE_SERVER, "tok" + n, null, EXPIRY, "scope-" + n)))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(new TokenStore(file).read().consentTokens()).hasSize(40);
    }

    @Test
    void unreadableFileIsTreatedAsEmptyAndDeleteRemovesIt() throws Exception {
        Path file = dir.resolve("tokens.json");
        Files.writeString(file, "{not json");
        TokenStore store = new TokenStore(file);
        assertThat(store.read().hasNoTokens()).isTrue();
        store.saveLogin(login("1"), null, P);
        assertThat(store.delete()).isTrue();
        assertThat(store.exists()).isFalse();
        assertThat(store.read().hasNoTokens()).isTrue();
    }

    @Test
    void toStringNeverShowsTokenText() {
        TokenSet set = login("secret");
        StoredTokens s = StoredTokens.empty().withLogin(set, null, P);
        assertThat(s.toString()).doesNotContain("AgXfersecret", "AgXferRefsecret", "AgAuthsecret");
        assertThat(set.toString()).doesNotContain("AgXfersecret", "AgXferRefsecret");
    }
}
