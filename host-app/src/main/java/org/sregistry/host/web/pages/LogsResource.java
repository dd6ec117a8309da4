package org.sregistry.host.web.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.sregistry.host.observability.LogFiles;
import org.sregistry.host.web.Layout;

/** {@code /logs}: the tail of the application log (secrets are masked when written). */
@Path("/logs")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class LogsResource {
    private static final int TAIL_BYTES = 64 * 1024;
    private final Layout layout;
    private final java.nio.file.Path logFile;

    public LogsResource(Layout layout, java.nio.file.Path logFile) {
        this.layout = layout;
        this.logFile = logFile;
    }

    /** The page's model. */
    public record LogsModel(String file, String text) {
    }

    @GET
    public String page() throws IOException {
        return layout.page("Logs", "logs.jte", new LogsModel(logFile.toString(), LogFiles.tail(logFile, TAIL_BYTES)));
    }
}
