package org.sregistry.registry.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Tag lists, the catalog and the referrers API, with the spec's {@code n}/{@code last} paging. */
final class ListRoutes {
    /** Repositories read from the store at a time for the catalog. */
    private static final int CATALOG_BATCH = 500;
    /** Answers without {@code n} are capped here; a Link header then leads on. */
    static final int MAX_PAGE = 10_000;

    private final OciStore store;

    ListRoutes(OciStore store) {
        this.store = store;
    }

    void tags(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        int n = pageSize(request);
        String last = QueryParams.get(request, "last");
        if (!store.repositoryExists(name)) {
            throw new OciException(OciError.NAME_UNKNOWN, "repository " + name + " is not known");
        }
        List<String> tags = n == 0 ? List.of() : store.tags(name, last, n);
        ObjectNode body = OciResponses.JSON.createObjectNode();
        body.put("name", name);
        ArrayNode list = body.putArray("tags");
        tags.forEach(list::add);
        if (n > 0 && tags.size() == n) {
            link(response, "/v2/" + name + "/tags/list", n, tags.get(tags.size() - 1));
        }
        OciResponses.json(response, body);
    }

    void catalog(HttpServletRequest request, HttpServletResponse response,
                 java.util.function.Predicate<String> visible) throws IOException {
        int n = pageSize(request);
        // Registry images whose names the OCI grammar refuses cannot be served here, and repositories
        // the caller may not see are not theirs to know: neither is listed, nor named in the Link.
        // So the store is read past them until the page is full or the store ends.
        List<String> page = new java.util.ArrayList<>();
        String cursor = QueryParams.get(request, "last");
        boolean more = n > 0;
        // read in batches of at least CATALOG_BATCH: a client asking n=1 must not cost one query per name
        int batchSize = Math.max(n, CATALOG_BATCH);
        while (more && page.size() < n) {
            List<String> batch = store.repositories(cursor, batchSize);
            int i = 0;
            for (; i < batch.size() && page.size() < n; i++) {
                if (OciNames.isRepository(batch.get(i)) && visible.test(batch.get(i))) {
                    page.add(batch.get(i));
                }
            }
            more = i < batch.size() || batch.size() == batchSize; // stopped inside this batch, or the store may go on
            cursor = batch.isEmpty() ? cursor : batch.get(batch.size() - 1);
        }
        ObjectNode body = OciResponses.JSON.createObjectNode();
        ArrayNode list = body.putArray("repositories");
        page.forEach(list::add);
        if (n > 0 && page.size() == n && more) {
            link(response, "/v2/_catalog", n, page.get(page.size() - 1));
        }
        OciResponses.json(response, body);
    }

    void referrers(HttpServletRequest request, HttpServletResponse response, String name, String digest)
            throws IOException {
        String artifactType = QueryParams.get(request, "artifactType");
        ObjectNode index = OciResponses.JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (OciStore.Referrer r : store.referrers(name, digest)) {
            if (artifactType != null && !artifactType.equals(r.artifactType())) {
                continue;
            }
            ObjectNode d = manifests.addObject();
            d.put("mediaType", r.mediaType());
            d.put("digest", r.digest());
            d.put("size", r.size());
            if (r.artifactType() != null) {
                d.put("artifactType", r.artifactType());
            }
            JsonNode annotations = annotationsOf(r);
            if (annotations != null) {
                d.set("annotations", annotations);
            }
        }
        if (artifactType != null) {
            response.setHeader("OCI-Filters-Applied", "artifactType");
        }
        byte[] bytes = OciResponses.bytes(index);
        response.setContentType(MediaTypes.OCI_INDEX);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static JsonNode annotationsOf(OciStore.Referrer r) {
        try {
            JsonNode a = OciResponses.JSON.readTree(Files.readAllBytes(r.file())).get("annotations");
            return a != null && a.isObject() ? a : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int pageSize(HttpServletRequest request) {
        String n = QueryParams.get(request, "n");
        if (n == null) {
            return MAX_PAGE;
        }
        try {
            int value = Integer.parseInt(n);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Math.min(value, MAX_PAGE);
        } catch (NumberFormatException e) {
            throw new OciException(OciError.UNSUPPORTED, 400, "n must be a non-negative whole number, got '"
                    + (n.length() > 20 ? n.substring(0, 20) : n) + "'");
        }
    }

    private static void link(HttpServletResponse response, String path, int n, String last) {
        response.setHeader("Link", "<" + path + "?n=" + n + "&last=" + URLEncoder.encode(last, StandardCharsets.UTF_8)
                + ">; rel=\"next\"");
    }
}
