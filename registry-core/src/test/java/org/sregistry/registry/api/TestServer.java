package org.sregistry.registry.api;

import java.net.URI;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.sregistry.registry.images.JdbcRegistryService;

/** A real Jetty + Jersey server on a random loopback port, serving the images API the way the host will. */
public final class TestServer implements AutoCloseable {
    private final Server server;
    private final URI base;

    public TestServer(JdbcRegistryService registry, long maxImageBytes) throws Exception {
        ResourceConfig config = new ResourceConfig();
        RegistryApi.resources(registry, maxImageBytes).forEach(config::register);
        RegistryApi.providers().forEach(config::register);
        config.register(JacksonFeature.class);
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);

        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new ServletContainer(config)), "/*");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    /** {@code http://127.0.0.1:PORT/} */
    public URI base() {
        return base;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
