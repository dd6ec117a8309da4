package org.sregistry.registry.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The spec's error body and the headers every {@code /v2/} answer carries, written in one place. */
final class OciResponses {
    static final ObjectMapper JSON = new ObjectMapper();

    private OciResponses() {
    }

    /** Headers on every answer. */
    static void common(HttpServletResponse response) {
        response.setHeader("Docker-Distribution-API-Version", "registry/2.0");
    }

    /** {@code {"errors":[{"code","message","detail"}]}} with {@code status}. */
    static void error(HttpServletResponse response, int status, OciError code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader("Content-Length", null);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode errors = body.putArray("errors");
        ObjectNode error = errors.addObject();
        error.put("code", code.name());
        error.put("message", message);
        error.putNull("detail");
        json(response, body);
    }

    /** Writes a JSON body. */
    static void json(HttpServletResponse response, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** A JSON body as bytes (for HEAD and GET to share). */
    static byte[] bytes(Object body) throws IOException {
        return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }
}
