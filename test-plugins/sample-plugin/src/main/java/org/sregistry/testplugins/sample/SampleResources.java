package org.sregistry.testplugins.sample;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.pf4j.Extension;
import org.sregistry.api.Html;
import org.sregistry.api.PluginContext;
import org.sregistry.api.ResourceContributor;
import org.sregistry.api.StorageErrors;

/** A page under /sample and JSON under /api/sample; both can stage a file into the plugin's data dir. */
@Extension
public class SampleResources implements ResourceContributor {
    private final SamplePlugin plugin;

    public SampleResources(SamplePlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public Set<Object> resources() {
        return Set.of(new Page(plugin.context()), new Api(plugin));
    }

    /** The page. */
    @Path("sample")
    public static class Page {
        private final PluginContext context;

        public Page(PluginContext context) {
            this.context = context;
        }

        @GET
        @Produces(MediaType.TEXT_HTML)
        public String page() {
            return context.pages().render("Sample",
                    "<p id=\"greeting\">" + Html.escape(context.config().get("PLUGIN_SAMPLE_GREETING")) + "</p>");
        }

        /** Stages a file of {@code bytes} bytes (a form post from the page). */
        @POST
        @Path("stage")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        @Produces(MediaType.TEXT_HTML)
        public String stage(@FormParam("bytes") long bytes) throws IOException {
            java.nio.file.Path file = SampleResources.stage(context.dataDir(), bytes);
            return context.pages().render("Staged", "<p id=\"staged\">" + Html.escape(file.getFileName().toString())
                    + "</p>");
        }
    }

    /**
     * Writes {@code bytes} zero bytes to a new file in {@code <plugin data dir>/staging}, the way a
     * plugin stages a transfer; a full or read-only folder becomes the exception the host answers 507.
     */
    static java.nio.file.Path stage(java.nio.file.Path dataDir, long bytes) throws IOException {
        java.nio.file.Path dir = dataDir.resolve("staging");
        java.nio.file.Path file = dir.resolve("staged-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                byte[] chunk = new byte[64 * 1024];
                for (long left = bytes; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }
            return file;
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw StorageErrors.classify(e, dir, bytes);
        }
    }

    /** Loaded only by {@code /api/sample/slow}. */
    static final class Late {
        private Late() {
        }

        static String word() {
            return "late";
        }
    }

    /** The JSON API. */
    @Path("api/sample")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Api {
        private final SamplePlugin plugin;

        public Api(SamplePlugin plugin) {
            this.plugin = plugin;
        }

        @GET
        @Path("hello")
        public Map<String, Object> hello() {
            return Map.of("plugin", "sample", "greeting", plugin.context().config().get("PLUGIN_SAMPLE_GREETING"),
                    "contextLoaderIsPlugin", Thread.currentThread().getContextClassLoader() == getClass().getClassLoader(),
                    "version", SamplePlugin.version(),
                    "loader", Integer.toHexString(System.identityHashCode(getClass().getClassLoader())));
        }

        /**
         * Answers after {@code ms} milliseconds, then uses a class it never loaded before: a request still running
         * on an old version after an upgrade needs that version's class loader to be open.
         */
        @GET
        @Path("slow")
        public Map<String, Object> slow(@QueryParam("ms") long ms) throws InterruptedException {
            Thread.sleep(ms);
            return Map.of("version", SamplePlugin.version(), "late", Late.word());
        }

        @GET
        @Path("ticks")
        public Map<String, Object> ticks() {
            return Map.of("ticks", plugin.ticks().get());
        }

        @GET
        @Path("boom")
        public String boom() {
            throw new IllegalStateException("sample resource exploded");
        }

        @POST
        @Path("stage")
        public Map<String, Object> stage(@QueryParam("bytes") long bytes) throws IOException {
            return Map.of("staged", SampleResources.stage(plugin.context().dataDir(), bytes).getFileName().toString());
        }

        @GET
        @Path("store")
        public Map<String, Object> store() {
            boolean first = plugin.context().store().insertIfAbsent("visits", "first", "yes");
            return Map.of("inserted", first);
        }
    }
}
