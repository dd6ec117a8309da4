package org.sregistry.host.auth.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The transport to the directory: TLS ({@code ldaps://} or StartTLS) trusting the configured CAs with the
 * host name verified, the timeouts, fresh connections for user binds, and the service account's pool.
 * Thread-safe.
 */
final class LdapConnections implements AutoCloseable {
    private static final int POOL_SIZE = 8;
    /** Reconnect now and then so a server-side idle cut or a fail-over is not met by a user. */
    private static final Duration POOL_CONNECTION_AGE = Duration.ofMinutes(15);

    private final ServerSet server;
    private final LDAPConnectionPool service;

    LdapConnections(LdapSettings settings) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        int timeout = Math.toIntExact(settings.timeout().toMillis());
        options.setConnectTimeoutMillis(timeout);
        options.setResponseTimeoutMillis(timeout);
        // the certificate must name the host we dialled; wildcards as browsers allow them
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        SocketFactory sockets = SocketFactory.getDefault();
        PostConnectProcessor startTls = null;
        if (settings.ldaps() || settings.startTls()) {
            SSLSocketFactory tls = tlsSockets(settings);
            if (settings.ldaps()) {
                sockets = tls;
            } else {
                startTls = new StartTLSPostConnectProcessor(tls);
            }
        }
        this.server = new SingleServerSet(settings.host(), settings.port(), sockets, options, null, startTls);
        this.service = settings.bindDn().map(dn -> pool(dn, settings.bindPassword().orElseThrow(), timeout))
                .orElse(null);
    }

    /** A new connection (TLS established, not yet bound); the caller closes it. */
    LDAPConnection fresh() throws LDAPException {
        return server.getConnection();
    }

    /** The service account's pool (bound), when one is configured. */
    Optional<LDAPConnectionPool> service() {
        return Optional.ofNullable(service);
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
    }

    private LDAPConnectionPool pool(String dn, String password, int timeout) {
        try {
            // no connection at construction: a directory that is down must not stop the registry from starting
            LDAPConnectionPool pool = new LDAPConnectionPool(server, new SimpleBindRequest(dn, password), 0,
                    POOL_SIZE, 1, null, false);
            pool.setMaxConnectionAgeMillis(POOL_CONNECTION_AGE.toMillis());
            pool.setMaxWaitTimeMillis(timeout);
            pool.setRetryFailedOperationsDueToInvalidConnections(true);
            pool.setConnectionPoolName("registry-ldap");
            return pool;
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot create the LDAP connection pool: " + e.getMessage(), e);
        }
    }

    private static SSLSocketFactory tlsSockets(LdapSettings settings) {
        try {
            TrustManager trust = settings.caFile().isPresent()
                    ? new PEMFileTrustManager(settings.caFile().get().toFile())
                    : JVMDefaultTrustManager.getInstance();
            return new SSLUtil(trust).createSSLSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(LdapOptions.CA_FILE + "=" + settings.caFile().orElse(null)
                    + " cannot be used: " + e.getMessage(), e);
        }
    }
}
