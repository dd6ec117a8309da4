package org.sregistry.registry.oci;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sregistry.registry.api.ByteRange;
import org.sregistry.registry.files.FileSender;

/** Blob reads, deletes and uploads (monolithic, chunked, mounted): parse, call {@link OciStore}, answer. */
final class BlobRoutes {
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?([0-9]+)-([0-9]+)(?:/[0-9*]+)?");

    private final OciStore store;

    BlobRoutes(OciStore store) {
        this.store = store;
    }

    void get(HttpServletRequest request, HttpServletResponse response, String name, String digest, boolean head)
            throws IOException {
        OciStore.Blob blob = store.blob(name, digest)
                .orElseThrow(() -> new OciException(OciError.BLOB_UNKNOWN, "blob " + digest + " is not in " + name));
        // opened before any header is written: a blob deleted since the lookup is a 404, not a broken answer
        FileChannel channel;
        try {
            channel = head ? null : FileChannel.open(blob.file(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new OciException(OciError.BLOB_UNKNOWN, "blob " + digest + " is not in " + name);
        }
        try (FileChannel open = channel) {
            send(request, response, blob, open, digest);
        }
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, OciStore.Blob blob,
                             FileChannel channel, String digest) throws IOException {
        response.setHeader("Docker-Content-Digest", digest);
        response.setHeader("ETag", "\"" + digest + "\"");
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("Cache-Control", "max-age=31536000");
        response.setContentType("application/octet-stream");
        long first = 0;
        long length = blob.size();
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(request.getHeader("Range"), blob.size());
        } catch (IllegalArgumentException e) {
            response.setHeader("Content-Range", "bytes */" + blob.size());
            throw new OciException(OciError.BLOB_UNKNOWN, 416, "range not satisfiable: the blob has "
                    + blob.size() + " bytes");
        }
        if (range.isPresent()) {
            response.setStatus(206);
            response.setHeader("Content-Range", range.get().contentRange(blob.size()));
            first = range.get().first();
            length = range.get().length();
        }
        response.setContentLengthLong(length);
        if (channel != null) {
            FileSender.send(response, channel, first, length);
        }
    }

    void delete(HttpServletResponse response, String name, String digest) {
        if (!store.deleteBlob(name, digest)) {
            throw new OciException(OciError.BLOB_UNKNOWN, "blob " + digest + " is not in " + name);
        }
        response.setStatus(202);
    }

    /** POST: mount, monolithic upload ({@code ?digest=}) or a new session. */
    void startUpload(HttpServletRequest request, HttpServletResponse response, String name, String mountFrom)
            throws IOException {
        String mount = QueryParams.get(request, "mount");
        if (mountFrom != null && store.mount(name, mountFrom, OciNames.digest(mount))) {
            created(response, name, mount);
            return;
        }
        String digest = QueryParams.get(request, "digest");
        if (digest != null) {
            OciNames.digest(digest);
            try (InputStream body = request.getInputStream()) {
                store.putBlob(name, digest, request.getContentLengthLong(), body);
            }
            created(response, name, digest);
            return;
        }
        String id = store.startUpload(name);
        response.setStatus(202);
        uploadHeaders(response, name, id, 0);
    }

    void uploadStatus(HttpServletResponse response, String name, String id) throws IOException {
        long size = store.uploadSize(name, id);
        response.setStatus(204);
        uploadHeaders(response, name, id, size);
    }

    void patch(HttpServletRequest request, HttpServletResponse response, String name, String id) throws IOException {
        long start = -1;
        String contentRange = request.getHeader("Content-Range");
        long declared = -1;
        if (contentRange != null) {
            Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
            long end;
            try {
                if (!m.matches()) {
                    throw new NumberFormatException();
                }
                start = Long.parseLong(m.group(1));
                end = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                throw new OciException(OciError.BLOB_UPLOAD_INVALID, 416, "Content-Range must be <start>-<end>, got "
                        + OciNames.clip(contentRange));
            }
            if (end < start) {
                throw new OciException(OciError.BLOB_UPLOAD_INVALID, 416, "Content-Range " + OciNames.clip(contentRange)
                        + " ends before it starts");
            }
            declared = end - start + 1;
            long length = request.getContentLengthLong();
            if (length >= 0 && length != declared) {
                throw new OciException(OciError.BLOB_UPLOAD_INVALID, 416, "Content-Range " + OciNames.clip(contentRange)
                        + " names " + declared + " bytes but Content-Length is " + length);
            }
        }
        long size;
        try (InputStream body = request.getInputStream()) {
            size = store.appendChunk(name, id, start, declared >= 0 ? declared : request.getContentLengthLong(),
                    declared >= 0, body);
        }
        response.setStatus(202);
        uploadHeaders(response, name, id, size);
    }

    void finish(HttpServletRequest request, HttpServletResponse response, String name, String id) throws IOException {
        String digest = QueryParams.get(request, "digest");
        if (digest == null) {
            throw new OciException(OciError.DIGEST_INVALID, "PUT to finish an upload needs ?digest=<digest of the whole blob>");
        }
        OciNames.digest(digest);
        try (InputStream body = request.getInputStream()) {
            store.finishUpload(name, id, digest, body);
        }
        created(response, name, digest);
    }

    void cancel(HttpServletResponse response, String name, String id) throws IOException {
        if (!store.cancelUpload(name, id)) {
            throw new OciException(OciError.BLOB_UPLOAD_UNKNOWN, "no upload session " + OciNames.clip(id) + " in " + name);
        }
        response.setStatus(204);
    }

    private static void created(HttpServletResponse response, String name, String digest) {
        response.setStatus(201);
        response.setHeader("Location", "/v2/" + name + "/blobs/" + digest);
        response.setHeader("Docker-Content-Digest", digest);
        response.setContentLength(0);
    }

    private static void uploadHeaders(HttpServletResponse response, String name, String id, long size) {
        response.setHeader("Location", "/v2/" + name + "/blobs/uploads/" + id);
        response.setHeader("Docker-Upload-UUID", id);
        response.setHeader("Range", "0-" + Math.max(0, size - 1));
        response.setContentLength(0);
    }

}
