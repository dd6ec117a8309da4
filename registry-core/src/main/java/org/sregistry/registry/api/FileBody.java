package org.sregistry.registry.api;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import org.sregistry.registry.files.FileSender;

/**
 * A download's body: a region of an image file that is already open, closed once written.
 *
 * <p>Jersey sets status and headers on the servlet response only when it commits its own stream,
 * which happens once more than its buffer (8 KiB by default) has been written to it. So the first
 * {@value #HEAD_BYTES} bytes go through Jersey's stream, then a flush; when that has committed the
 * servlet response, Jersey holds nothing back any more and the rest goes straight to the servlet
 * response through {@link FileSender}. Otherwise (a larger Jersey buffer, no servlet response
 * outside a servlet container) everything goes through Jersey's stream.
 */
final class FileBody implements StreamingOutput {
    private static final int HEAD_BYTES = 64 * 1024;

    private final FileChannel file;
    private final long first;
    private final long length;
    private final HttpServletResponse servletResponse;

    /** @param servletResponse the request's servlet response, or null */
    FileBody(FileChannel file, long first, long length, HttpServletResponse servletResponse) {
        this.file = file;
        this.first = first;
        this.length = length;
        this.servletResponse = servletResponse;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        try (file) {
            long head = servletResponse == null ? length : Math.min(length, HEAD_BYTES);
            FileSender.copy(file, first, head, out);
            if (head == length) {
                return;
            }
            out.flush();
            if (servletResponse.isCommitted()) {
                FileSender.send(servletResponse, file, first + head, length - head);
            } else {
                FileSender.copy(file, first + head, length - head, out);
            }
        }
    }
}
