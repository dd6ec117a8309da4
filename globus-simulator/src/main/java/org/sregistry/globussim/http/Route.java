package org.sregistry.globussim.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One method + path template (e.g. {@code GET /transfer/v0.10/task/{task_id}}). The template string is also the
 * key request statistics are counted under.
 */
public final class Route {
    private final String method;
    private final String template;
    private final Pattern pattern;
    private final List<String> names = new ArrayList<>();
    private final ErrorStyle style;
    private final boolean control;
    private final String resourcePrefix;
    private final Handler handler;

    /**
     * @param resourcePrefix stripped from the request path to form the Globus {@code resource} field
     *                       (e.g. {@code /transfer}), so it reads {@code /v0.10/...} as on the real service
     */
    public Route(String method, String template, ErrorStyle style, boolean control, String resourcePrefix, Handler handler) {
        this.method = method;
        this.template = template;
        this.style = style;
        this.control = control;
        this.resourcePrefix = resourcePrefix;
        this.handler = handler;
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\{([a-z_]+)}").matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        // Globus tolerates a trailing slash on most resources.
        this.pattern = Pattern.compile(regex + "/?");
    }

    /** Path parameters when the path matches, else null. */
    public Map<String, String> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) return null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) params.put(names.get(i), m.group(i + 1));
        return params;
    }

    public String method() { return method; }
    public String template() { return template; }
    public String key() { return method + " " + template; }
    public ErrorStyle style() { return style; }
    public boolean isControl() { return control; }
    public Handler handler() { return handler; }

    public String resourceOf(String path) {
        return path.startsWith(resourcePrefix) ? path.substring(resourcePrefix.length()) : path;
    }
}
