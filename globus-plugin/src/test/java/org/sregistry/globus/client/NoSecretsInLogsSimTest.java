package org.sregistry.globus.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.tokens.TokenStore;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Runs every kind of call (success, retry, 401 refresh, failures) at DEBUG and checks no secret reaches a log line. */
class NoSecretsInLogsSimTest {

    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;
    private Level previous;

    @BeforeEach
    void capture() {
        logger = (Logger) LoggerFactory.getLogger("org.sregistry.globus");
        previous = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }

    @Test
    void noTokenCodeVerifierOrSetupKeyIsLogged() throws Exception {
        List<String> secrets = new ArrayList<>();
        try (SimHarness h = new SimHarness(dir.resolve("sim"))) {
            Pkce pkce = Pkce.generate();
            URI url = h.auth.authorizeUrl(AuthorizeRequest.builder(pkce).build());
            String code = h.approve(url);
            secrets.add(code);
            secrets.add(pkce.verifier());
            TokenSet login = h.auth.exchangeCode(code, pkce, null);
            login.byResourceServer().values().forEach(t -> {
                secrets.add(t.accessToken());
                secrets.add(t.refreshToken());
            });
            catchThrowable(() -> h.auth.exchangeCode(code, pkce, null)); // reused code

            TokenStore store = new TokenStore(dir.resolve("tokens.json"));
            store.saveLogin(login, null, org.sregistry.globus.tokens.ServiceRoots.PRODUCTION);
            InMemoryTokenProvider provider = InMemoryTokenProvider.of(login);
            AccessTokenManager manager = new AccessTokenManager(provider, h.auth);
            TransferClient transfer = h.transfer(manager);

            h.auth.revoke(login.transfer().orElseThrow().accessToken());
            transfer.searchEndpoints(EndpointSearch.scope(EndpointScope.MY_ENDPOINTS)); // 401 -> refresh -> retry
            ResourceToken refreshed = provider.token(GlobusScopes.TRANSFER_RESOURCE_SERVER).orElseThrow();
            secrets.add(refreshed.accessToken());
            secrets.add(refreshed.refreshToken());

            h.fault("GET /transfer/v0.10/endpoint_search", 503, 1, 0, 0);
            transfer.searchEndpoints(EndpointSearch.scope(EndpointScope.MY_ENDPOINTS));
            catchThrowable(() -> transfer.getEndpoint(UUID.randomUUID().toString()));
            CreatedEndpoint gcp = transfer.createGlobusConnectPersonal("log-test", null);
            secrets.add(gcp.globusConnectSetupKey());
            h.auth.userinfo(manager);

            h.revokeAll();
            h.auth.revoke(refreshed.accessToken());
            Throwable loginRequired = catchThrowable(() -> transfer.searchEndpoints(
                    EndpointSearch.scope(EndpointScope.MY_ENDPOINTS)));
            assertThat(loginRequired).isInstanceOf(LoginRequiredException.class);
            assertThat(loginRequired.toString()).doesNotContain(refreshed.refreshToken());
        }

        assertThat(appender.list).as("the client logs its calls").isNotEmpty();
        for (ILoggingEvent event : appender.list) {
            String text = event.getFormattedMessage() + throwableText(event.getThrowableProxy());
            for (String secret : secrets) {
                if (secret != null) {
                    assertThat(text).as("log line must not contain a secret").doesNotContain(secret);
                }
            }
            assertThat(text).doesNotContainIgnoringCase("Bearer ");
        }
        assertThat(appender.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("endpoint_search"));
    }

    private static String throwableText(IThrowableProxy proxy) {
        StringBuilder sb = new StringBuilder();
        for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
            sb.append(' ').append(p.getClassName()).append(": ").append(p.getMessage());
        }
        return sb.toString();
    }

}
