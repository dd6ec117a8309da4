package org.sregistry.globus.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.Access;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.ImageQuery;
import org.sregistry.api.RegistryService;
import org.sregistry.globus.browse.EndpointIds;
import org.sregistry.globus.browse.EndpointPaths;
import org.sregistry.globus.client.Endpoint;
import org.sregistry.globus.client.FileEntry;
import org.sregistry.globus.client.FileListing;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.LsOptions;
import org.sregistry.globus.config.GlobusSettings;
import java.util.function.Supplier;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.connection.Connection;
import org.sregistry.globus.consent.ConsentClients;
import org.sregistry.globus.endpoints.EndpointHealth;
import org.sregistry.globus.endpoints.FetchPool;

/**
 * Builds the browser page's model: the endpoint document and the folder listing are fetched at the same time;
 * a failed listing becomes a message in the left pane (with "Grant access" for a missing consent), never an error
 * page. The images offered for a send are those the caller may pull ({@link Access}).
 */
final class BrowserView {
    private static final Logger LOG = LoggerFactory.getLogger(BrowserView.class);
    private static final List<String> IMAGE_SUFFIXES = List.of(".sif", ".simg", ".img");

    private final Supplier<Connection> connection;
    private final GlobusSettings settings;
    private final RegistryService registry;
    private final Access access;
    private final FetchPool pool;

    BrowserView(Supplier<Connection> connection, GlobusSettings settings, RegistryService registry, Access access,
                FetchPool pool) {
        this.connection = connection;
        this.settings = settings;
        this.registry = registry;
        this.access = access;
        this.pool = pool;
    }

    /**
     * The model for an endpoint's folder.
     *
     * @throws org.sregistry.globus.browse.InvalidInputException bad id or path (a 400 page)
     */
    BrowseModel model(String csrfField, String rawEndpointId, String rawPath, String send) {
        String endpointId = EndpointIds.check(rawEndpointId);
        String path = EndpointPaths.directory(rawPath);
        TransferClient client = ConsentClients.quickFor(connection.get(), endpointId); // on the request's thread
        CompletableFuture<Endpoint> endpoint = pool.submit(() -> client.getEndpoint(endpointId));
        CompletableFuture<FileListing> listing = pool.submit(() -> client
                .ls(endpointId, LsOptions.path(path).withOrderBy("type,name")));

        String name = endpointId;
        String status = null;
        try {
            Endpoint doc = FetchPool.join(endpoint);
            name = doc.name();
            status = EndpointHealth.of(doc).badge();
        } catch (GlobusApiException e) {
            LOG.debug("endpoint {} document: {}", endpointId, e.getMessage());
        }
        String own = settings.endpointId().orElse(null);
        boolean isRegistry = endpointId.equalsIgnoreCase(own == null ? "" : own);
        List<BrowseModel.Image> images = images(send);
        try {
            FileListing files = FetchPool.join(listing);
            String shown = EndpointPaths.directory(files.path() != null ? files.path() : path == null ? "/~/" : path);
            return new BrowseModel(csrfField, endpointId, name, status, isRegistry, shown, crumbs(endpointId, shown,
                    send), parentHref(endpointId, shown, send), entries(endpointId, shown, files, send), null, null,
                    images, send, own != null);
        } catch (GlobusApiException e) {
            String where = path == null ? "the default folder" : path;
            GlobusProblem problem = GlobusProblem.of(e, "listing " + where + " on " + name);
            String here = Links.browse(endpointId, path, send);
            return new BrowseModel(csrfField, endpointId, name, status, isRegistry, path,
                    path == null ? List.of() : crumbs(endpointId, path, send),
                    path == null ? null : parentHref(endpointId, path, send), List.of(), problem.message(),
                    problem.consent() ? Links.consent(endpointId, here) : null, images, send, own != null);
        }
    }

    private static List<BrowseModel.Crumb> crumbs(String endpointId, String path, String send) {
        List<BrowseModel.Crumb> crumbs = new ArrayList<>();
        for (EndpointPaths.Crumb c : EndpointPaths.breadcrumbs(path)) {
            crumbs.add(new BrowseModel.Crumb(c.label(), Links.browse(endpointId, c.path(), send)));
        }
        return crumbs;
    }

    private static String parentHref(String endpointId, String path, String send) {
        String parent = EndpointPaths.parent(path);
        return parent == null ? null : Links.browse(endpointId, parent, send);
    }

    private static List<BrowseModel.Entry> entries(String endpointId, String dir, FileListing files, String send) {
        List<FileEntry> sorted = new ArrayList<>(files.data());
        sorted.sort(Comparator.comparing((FileEntry f) -> !f.isDirectory())
                .thenComparing(f -> f.name() == null ? "" : f.name()));
        List<BrowseModel.Entry> entries = new ArrayList<>();
        for (FileEntry f : sorted) {
            if (f.name() == null || f.name().isEmpty() || f.name().equals(".") || f.name().equals("..")
                    || f.name().contains("/")) {
                continue;
            }
            String full = dir + f.name();
            boolean isDir = f.isDirectory();
            entries.add(new BrowseModel.Entry(f.name(), isDir, isDir ? Links.browse(endpointId, full + "/", send)
                    : null, full, isDir ? "—" : Formats.size(f.size()), Formats.time(f.lastModified()),
                    !isDir && isImage(f.name())));
        }
        return entries;
    }

    static boolean isImage(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return IMAGE_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    private List<BrowseModel.Image> images(String send) {
        List<BrowseModel.Image> images = new ArrayList<>();
        Access.Caller caller = access.caller().orElse(null);
        if (caller == null) {
            return images;
        }
        // who may pull is decided per collection: ask once for each, not once per image
        java.util.Map<String, Boolean> mayPull = new java.util.HashMap<>();
        for (ImageInfo image : registry.list(ImageQuery.all()).items()) {
            if (!mayPull.computeIfAbsent(image.name().collection(), c -> access.mayPull(caller, image.uri()))) {
                continue; // not theirs to see: as if it did not exist
            }
            boolean selected = preselected(send, image);
            images.add(new BrowseModel.Image(image.uri(), Formats.size(image.size()), selected));
        }
        return images;
    }

    /** {@code send} names one image or several separated by commas (commas never occur in image names). */
    private static boolean preselected(String send, org.sregistry.api.ImageInfo image) {
        if (send == null || send.isBlank()) {
            return false;
        }
        for (String wanted : send.split(",")) {
            String w = wanted.trim();
            if (w.equals(image.uri()) || w.equals(image.name().withoutVersion())) {
                return true;
            }
        }
        return false;
    }
}
