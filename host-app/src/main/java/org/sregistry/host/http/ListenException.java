package org.sregistry.host.http;

import java.io.IOException;

/** The server could not listen where it was told to; the message says where and why, in one line. */
public final class ListenException extends IOException {
    private static final long serialVersionUID = 1L;

    ListenException(String bind, int port, String why) {
        super("cannot listen on " + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + port + ": " + why);
    }
}
