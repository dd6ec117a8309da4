package org.sregistry.globussim.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The simulator's route table; feature modules register their routes into it. */
public final class Router {
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** A match: the route and its path parameters. */
    public record Match(Route route, Map<String, String> params) {}

    /** Registers routes for one service: all share the resource prefix and error style. */
    public Group group(String prefix, ErrorStyle style, boolean control) {
        return new Group(prefix, style, control);
    }

    /** Routes registered under one service prefix. */
    public final class Group {
        private final String prefix;
        private final ErrorStyle style;
        private final boolean control;

        private Group(String prefix, ErrorStyle style, boolean control) {
            this.prefix = prefix;
            this.style = style;
            this.control = control;
        }

        public Group get(String path, Handler h) { return add("GET", path, h); }
        public Group post(String path, Handler h) { return add("POST", path, h); }
        public Group put(String path, Handler h) { return add("PUT", path, h); }
        public Group delete(String path, Handler h) { return add("DELETE", path, h); }

        public Group add(String method, String path, Handler h) {
            routes.add(new Route(method, prefix + path, style, control, prefix, h));
            return this;
        }
    }

    /** The route for method and path; a path that exists under another method gives {@code methodMismatch}. */
    public Match find(String method, String path) {
        for (Route r : routes) {
            if (!r.method().equals(method)) continue;
            Map<String, String> params = r.match(path);
            if (params != null) return new Match(r, params);
        }
        return null;
    }

    public boolean pathExists(String path) {
        return routes.stream().anyMatch(r -> r.match(path) != null);
    }
}
