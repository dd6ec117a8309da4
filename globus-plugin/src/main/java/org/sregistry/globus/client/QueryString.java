package org.sregistry.globus.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Ordered query/form parameters, percent-encoded (spaces as %20 in queries, so '+' in offsets survives). */
final class QueryString {

    private final Map<String, String> params = new LinkedHashMap<>();

    QueryString put(String key, Object value) {
        if (value != null) {
            params.put(key, String.valueOf(value));
        }
        return this;
    }

    QueryString putAll(Map<String, String> more) {
        more.forEach(this::put);
        return this;
    }

    boolean isEmpty() {
        return params.isEmpty();
    }

    Map<String, String> asMap() {
        return params;
    }

    /** For URLs. */
    String encoded() {
        return params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** For application/x-www-form-urlencoded bodies. */
    String formEncoded() {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Encodes one path segment (endpoint ids, task ids). */
    static String segment(String s) {
        return encode(s);
    }
}
