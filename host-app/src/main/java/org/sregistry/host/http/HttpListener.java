package org.sregistry.host.http;

import java.io.IOException;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty server and its one HTTP connector, bound to its port before anything else happens:
 * a port in use fails the start before a single file is written to the data dir. Answers say
 * nothing about the software behind them (no {@code Server} or {@code X-Powered-By} header, no
 * "Powered by Jetty" on error pages).
 */
public final class HttpListener implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final HttpConfiguration http;

    private HttpListener(Server server, ServerConnector connector, HttpConfiguration http) {
        this.server = server;
        this.connector = connector;
        this.http = http;
    }

    /**
     * Binds {@code bind:port} ({@code port} 0: any free port).
     *
     * @throws ListenException when the address cannot be listened on (in use, not local, unknown)
     */
    public static HttpListener open(String bind, int port) throws ListenException {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        Server server = new Server(threadPool());
        server.setErrorHandler(new QuietErrorHandler());
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        server.addConnector(connector);
        try {
            connector.open();
        } catch (IOException | RuntimeException e) {
            throw new ListenException(bind, port, why(e, bind));
        }
        return new HttpListener(server, connector, http);
    }

    /** Jetty wraps the socket's exception: name the real reason. */
    private static String why(Throwable e, String bind) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return "Address already in use".equals(t.getMessage())
                        ? "the port is in use (pick another with --port, or --port 0 for any free one)"
                        : t.getMessage() + " (is " + bind + " an address of this machine? see --bind)";
            }
            if (t instanceof UnresolvedAddressException) {
                return "unknown host name " + bind + " (see --bind)";
            }
        }
        return e.getMessage();
    }

    /** The Jetty server (not started yet). */
    public Server server() {
        return server;
    }

    /** The HTTP configuration, for customizers added before the start. */
    public HttpConfiguration http() {
        return http;
    }

    /** The port actually bound (the chosen one for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Closes the port, whether or not the server was started. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping what never started: nothing left to release but the socket
        }
        connector.close();
    }

    private static QueuedThreadPool threadPool() {
        ClassLoader hostLoader = HttpListener.class.getClassLoader();
        AtomicInteger count = new AtomicInteger();
        // Threads started while a plugin request runs would inherit the plugin's context loader
        // and pin it after the plugin is unloaded; give every new thread the host's loader.
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "http-" + count.incrementAndGet());
            thread.setContextClassLoader(hostLoader);
            return thread;
        };
        QueuedThreadPool pool = new QueuedThreadPool(200, 8, 60_000, -1, null, null, factory);
        pool.setName("http");
        return pool;
    }
}
