package org.sregistry.registry.oci;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.sregistry.registry.api.RefusedBodies;

/** Manifest reads, pushes and deletes: exact bytes in, exact bytes out. */
final class ManifestRoutes {
    private final OciStore store;

    ManifestRoutes(OciStore store) {
        this.store = store;
    }

    void get(HttpServletResponse response, String name, String reference, boolean head) throws IOException {
        OciStore.Manifest manifest = store.manifest(name, reference)
                .orElseThrow(() -> new OciException(OciError.MANIFEST_UNKNOWN, "manifest " + OciNames.clip(reference)
                        + " is not in " + name));
        byte[] bytes = head ? null : Files.readAllBytes(manifest.file());
        response.setStatus(200);
        response.setContentType(manifest.mediaType());
        response.setHeader("Docker-Content-Digest", manifest.digest());
        response.setHeader("ETag", "\"" + manifest.digest() + "\"");
        response.setContentLengthLong(manifest.size());
        if (bytes != null) {
            response.getOutputStream().write(bytes);
        }
    }

    void put(HttpServletRequest request, HttpServletResponse response, String name, String reference)
            throws IOException {
        long declared = request.getContentLengthLong();
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            if (declared > 2L * OciStore.MAX_MANIFEST_BYTES) {
                throw tooLarge(); // far too large: not worth reading, the connection is closed
            }
            bytes = in.readNBytes(OciStore.MAX_MANIFEST_BYTES + 1);
            if (bytes.length > OciStore.MAX_MANIFEST_BYTES) {
                // read what is left of a slightly too large one: the client then sees the 413
                RefusedBodies.drain(in, OciStore.MAX_MANIFEST_BYTES);
                throw tooLarge();
            }
        }
        OciStore.Manifest stored = store.putManifest(name, reference, bytes, request.getContentType());
        response.setStatus(201);
        response.setHeader("Location", "/v2/" + name + "/manifests/" + stored.digest());
        response.setHeader("Docker-Content-Digest", stored.digest());
        if (stored.subject() != null) {
            response.setHeader("OCI-Subject", stored.subject());
        }
        response.setContentLength(0);
    }

    void delete(HttpServletResponse response, String name, String reference) {
        if (!store.deleteManifest(name, reference)) {
            throw new OciException(OciError.MANIFEST_UNKNOWN, "manifest " + OciNames.clip(reference) + " is not in " + name);
        }
        response.setStatus(202);
    }

    private static OciException tooLarge() {
        return new OciException(OciError.SIZE_INVALID, 413, "manifests are limited to "
                + OciStore.MAX_MANIFEST_BYTES + " bytes");
    }

}
