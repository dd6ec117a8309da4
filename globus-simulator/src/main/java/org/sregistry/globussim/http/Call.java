package org.sregistry.globussim.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.Map;

/** One incoming request as handlers see it: path parameters, query, form, JSON body and the bearer token. */
public final class Call {
    private final HttpServletRequest request;
    private final Map<String, String> pathParams;
    private final String resource;

    public Call(HttpServletRequest request, Map<String, String> pathParams, String resource) {
        this.request = request;
        this.pathParams = pathParams;
        this.resource = resource;
    }

    public String method() { return request.getMethod(); }

    /** The path as Globus reports it in {@code resource} (service prefix stripped, e.g. {@code /v0.10/transfer}). */
    public String resource() { return resource; }

    public String path(String name) { return pathParams.get(name); }

    /** A query (or form) parameter, or null. */
    public String param(String name) { return request.getParameter(name); }

    public String param(String name, String fallback) {
        String v = param(name);
        return v == null ? fallback : v;
    }

    /** Raw query string, e.g. for {@code /sim/authorize}, which takes the authorize URL's query as is. */
    public String queryString() { return request.getQueryString(); }

    public int intParam(String name, int fallback) {
        String v = param(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Invalid integer for '" + name + "': " + v);
        }
    }

    /** Booleans arrive as {@code 1/0} from the Python SDK and {@code true/false} from the JS SDK. */
    public boolean boolParam(String name, boolean fallback) {
        String v = param(name);
        if (v == null || v.isBlank()) return fallback;
        switch (v.trim().toLowerCase()) {
            case "1": case "true": case "yes": case "on": return true;
            case "0": case "false": case "no": case "off": return false;
            default: throw ApiError.badRequest("Invalid boolean for '" + name + "': " + v);
        }
    }

    public String header(String name) { return request.getHeader(name); }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    public String bearerToken() {
        String h = header("Authorization");
        if (h == null) return null;
        h = h.trim();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) return h.substring(7).trim();
        return null;
    }

    /** The JSON body; a missing or malformed body is a Globus 400. */
    public JsonNode json() {
        try {
            JsonNode node = Json.MAPPER.readTree(request.getInputStream());
            if (node == null || node.isMissingNode()) throw ApiError.badRequest("Request body is empty; a JSON document is required");
            return node;
        } catch (IOException e) {
            throw ApiError.badRequest("Malformed JSON in request body: " + firstLine(e.getMessage()));
        }
    }

    /** The JSON body as an object; anything else is a 400. */
    public JsonNode jsonObject() {
        JsonNode node = json();
        if (!node.isObject()) throw ApiError.badRequest("Request body must be a JSON object");
        return node;
    }

    /** Like {@link #jsonObject()} but an empty body counts as {@code {}} (control calls with no options). */
    public JsonNode jsonObjectOrEmpty() {
        if (request.getContentLengthLong() == 0) return Json.MAPPER.createObjectNode();
        try {
            byte[] bytes = request.getInputStream().readAllBytes();
            if (new String(bytes).isBlank()) return Json.MAPPER.createObjectNode();
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (!node.isObject()) throw ApiError.badRequest("Request body must be a JSON object");
            return node;
        } catch (IOException e) {
            throw ApiError.badRequest("Malformed JSON in request body: " + firstLine(e.getMessage()));
        }
    }

    public HttpServletRequest raw() { return request; }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
