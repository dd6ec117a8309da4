package org.sregistry.registry.files;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Sends a region of a file as a response body (headers are the caller's). */
public final class FileSender {
    private FileSender() {
    }

    /** Sends {@code length} bytes of {@code file} from {@code offset}. */
    public static void send(HttpServletResponse response, Path file, long offset, long length) throws IOException {
        OutputStream out = response.getOutputStream();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            WritableByteChannel target = Channels.newChannel(out);
            long sent = 0;
            while (sent < length) {
                long n = in.transferTo(offset + sent, length - sent, target);
                if (n <= 0) {
                    throw new IOException("file shorter than expected: " + file);
                }
                sent += n;
            }
        }
    }
}
