package org.sregistry.host.web.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;
import org.sregistry.host.observability.LogEntries;
import org.sregistry.host.observability.LogFiles;
import org.sregistry.host.web.Layout;

/**
 * {@code /logs}: the tail of the application log, newest first (secrets are masked and line breaks escaped when
 * written). {@code ?level=WARN} keeps that level and above; {@code ?follow=1} reloads the entries every 2 s (htmx
 * asks for {@code ?fragment=1}, the entries alone).
 */
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

    /**
     * The page's model.
     *
     * @param level   the lowest level shown, or null for all
     * @param follow  whether the entries reload themselves
     * @param levels  the levels to choose from, lowest first
     */
    public record LogsModel(String file, List<LogEntries.Entry> entries, String level, boolean follow,
                            List<String> levels) {
        /** Where the entries reload from while following. */
        public String fragmentHref() {
            return "/logs?fragment=1&follow=1" + (level == null ? "" : "&level=" + level);
        }
    }

    @GET
    public String page(@QueryParam("level") String level, @QueryParam("follow") String follow,
                       @QueryParam("fragment") String fragment) throws IOException {
        String min = LogEntries.level(level);
        LogsModel model = new LogsModel(logFile.toString(), LogEntries.newestFirst(LogFiles.tail(logFile, TAIL_BYTES),
                min), min, "1".equals(follow) || "on".equals(follow), LogEntries.LEVELS);
        return "1".equals(fragment) ? layout.fragment("logentries.jte", model) : layout.page("Logs", "logs.jte", model);
    }
}
