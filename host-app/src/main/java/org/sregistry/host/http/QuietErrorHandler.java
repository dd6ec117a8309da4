package org.sregistry.host.http;

import java.io.IOException;
import java.io.Writer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error pages (malformed requests it refuses before the application sees them), minus
 * the "Powered by Jetty:// 12.x" line and stack traces: the version is nobody's business.
 */
final class QuietErrorHandler extends ErrorHandler {
    QuietErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void writeErrorHtmlBody(Request request, Writer writer, int code, String message, Throwable cause)
            throws IOException {
        writeErrorHtmlMessage(request, writer, code, message, null, request.getHttpURI().getPath());
    }
}
