package org.sregistry.registry.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what is left of a request body the server refuses, up to a limit, before the answer is
 * sent. An HTTP/1.1 client still sending when the server answers and closes the connection may
 * see a reset instead of the 401, 413 or 415; draining a small rest lets it read the answer.
 * Larger rests are cut off with the connection: for them the reset is cheaper than the bytes.
 */
public final class RefusedBodies {
    private RefusedBodies() {
    }

    /** Reads and drops up to {@code limit} bytes of {@code body}; a client that went away is no error. */
    public static void drain(InputStream body, long limit) {
        byte[] sink = new byte[64 * 1024];
        long left = limit;
        try {
            int n;
            while (left > 0 && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away: nothing to tell it
        }
    }
}
