package org.sregistry.host.web;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * when its last in-flight request ends (reference counting). Whoever changed the application can be told when
 * every request that began before the swap has ended ({@link #swap(ResourceConfig, Runnable)}): the plugin host
 * closes an old plugin's class loader only then, so those requests finish on the old code.
 */
public final class JerseySwitch extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JerseySwitch.class);

    private transient volatile Slot current;
    private transient ResourceConfig initial;
    /** Every container not destroyed yet: the current one and the retired ones still serving requests. */
    private final transient Set<Slot> live = ConcurrentHashMap.newKeySet();

    public JerseySwitch(ResourceConfig initial) {
        this.initial = initial;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        current = new Slot(newContainer(initial, config), live);
        initial = null;
    }

    /** Builds and initialises a container for {@code config}, switches to it and retires the old one. */
    public synchronized void swap(ResourceConfig config) throws ServletException {
        swap(config, () -> { });
    }

    /**
     * Like {@link #swap(ResourceConfig)}; {@code afterEarlierRequests} runs once every request that began before
     * the swap has ended (on the thread that ends the last of them, or here when none is running). It runs even
     * when the new application cannot be built.
     */
    public synchronized void swap(ResourceConfig config, Runnable afterEarlierRequests) throws ServletException {
        long started = System.nanoTime();
        Slot next;
        try {
            next = new Slot(newContainer(config, getServletConfig()), live);
        } catch (ServletException | RuntimeException e) {
            afterEarlierRequests.run();
            throw e;
        }
        Slot old = current;
        current = next;
        List<Slot> earlier = live.stream().filter(s -> s != next).toList();
        AtomicInteger waiting = new AtomicInteger(earlier.size() + 1);
        Runnable oneEnded = () -> {
            if (waiting.decrementAndGet() == 0) {
                afterEarlierRequests.run();
            }
        };
        earlier.forEach(slot -> slot.whenDestroyed(oneEnded));
        old.release();
        oneEnded.run();
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
        private final Set<Slot> live;
        private final List<Runnable> onDestroyed = new ArrayList<>();
        private boolean destroyed;

        Slot(ServletContainer container, Set<Slot> live) {
            this.container = container;
            this.live = live;
            live.add(this);
        }

        /** Runs {@code action} once this container is destroyed (at once if it is). */
        void whenDestroyed(Runnable action) {
            synchronized (this) {
                if (!destroyed) {
                    onDestroyed.add(action);
                    return;
                }
            }
            action.run();
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
                try {
                    container.destroy();
                } finally {
                    List<Runnable> actions;
                    synchronized (this) {
                        destroyed = true;
                        actions = List.copyOf(onDestroyed);
                        onDestroyed.clear();
                    }
                    live.remove(this);
                    for (Runnable action : actions) {
                        try {
                            action.run();
                        } catch (RuntimeException e) {
                            LOG.warn("An action after the retired web application's last request failed", e);
                        }
                    }
                }
            }
        }
    }
}
