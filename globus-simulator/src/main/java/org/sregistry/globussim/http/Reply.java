package org.sregistry.globussim.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, content type, body (a JSON-able object or text) and extra headers. */
public final class Reply {
    private final int status;
    private final String contentType;
    private final Object body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Reply(int status, String contentType, Object body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    public static Reply json(Object body) { return new Reply(200, "application/json", body); }
    public static Reply json(int status, Object body) { return new Reply(status, "application/json", body); }
    public static Reply html(int status, String html) { return new Reply(status, "text/html; charset=utf-8", html); }

    public static Reply redirect(String location) {
        Reply r = new Reply(302, "text/plain", "");
        r.headers.put("Location", location);
        return r;
    }

    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() { return status; }
    public String contentType() { return contentType; }
    public Object body() { return body; }
    public Map<String, String> headers() { return headers; }
}
