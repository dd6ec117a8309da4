package org.sregistry.host.web;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves requests with the current Jersey application and swaps in a new one without failing
 * requests. Jersey's own {@code ServletContainer.reload()} tears the old application down before
 * the new one exists, failing concurrent requests ("Request scope has been already shut down").
 * Here a new container is built and initialised first, then switched in; the old one is destroyed
 * when its last in-flight request ends (reference counting).
 */
public final class JerseySwitch extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JerseySwitch.class);

    private transient volatile Slot current;
    private transient ResourceConfig initial;

    public JerseySwitch(ResourceConfig initial) {
        this.initial = initial;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        current = new Slot(newContainer(initial, config));
        initial = null;
    }

    /** Builds and initialises a container for {@code config}, switches to it and retires the old one. */
    public synchronized void swap(ResourceConfig config) throws ServletException {
        long started = System.nanoTime();
        Slot next = new Slot(newContainer(config, getServletConfig()));
        Slot old = current;
        current = next;
        old.release();
        LOG.info("Web application rebuilt in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        while (true) {
            Slot slot = current;
            if (slot.acquire()) {
                try {
                    slot.container.service(request, response);
                } finally {
                    slot.release();
                }
                return;
            }
            // lost a race with swap(): the slot is being destroyed; take the new current one
        }
    }

    @Override
    public void destroy() {
        Slot slot = current;
        if (slot != null) {
            slot.release();
        }
        super.destroy();
    }

    private static ServletContainer newContainer(ResourceConfig config, ServletConfig servletConfig)
            throws ServletException {
        ServletContainer container = new ServletContainer(config);
        container.init(servletConfig);
        return container;
    }

    /** A container plus a count of its users; the "current" reference counts as one user. */
    private static final class Slot {
        private final ServletContainer container;
        private final AtomicInteger users = new AtomicInteger(1);

        Slot(ServletContainer container) {
            this.container = container;
        }

        boolean acquire() {
            while (true) {
                int n = users.get();
                if (n == 0) {
                    return false;
                }
                if (users.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (users.decrementAndGet() == 0) {
                container.destroy();
            }
        }
    }
}
