package org.sregistry.host.web.pages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.ImagePage;
import org.sregistry.api.ImageQuery;
import org.sregistry.api.UiSlots;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.http.PublicUrl;
import org.sregistry.host.web.Layout;
import org.sregistry.host.web.UiFragments;

/** The home page (images list) and each image's page. */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class ImagesPages {
    private static final int PAGE_SIZE = 50;
    private final Layout layout;
    private final org.sregistry.registry.images.JdbcRegistryService registry;
    private final UiFragments fragments;
    private final PublicUrl publicUrl;
    private final org.sregistry.registry.access.CollectionAccess access;
    private final org.sregistry.registry.api.ImageEvents events;

    /**
     * @param access    who sees and deletes what: lists show only visible collections, a hidden image is the 404 page
     * @param publicUrl {@code REGISTRY_PUBLIC_URL}, or null: the address in the pull command
     * @param events    told of every delete (the host's audit log)
     */
    public ImagesPages(Layout layout, org.sregistry.registry.images.JdbcRegistryService registry, UiFragments fragments,
                       PublicUrl publicUrl, org.sregistry.registry.access.CollectionAccess access,
                       org.sregistry.registry.api.ImageEvents events) {
        this.events = events;
        this.layout = layout;
        this.access = access;
        this.registry = registry;
        this.fragments = fragments;
        this.publicUrl = publicUrl;
    }

    @GET
    public String home(@QueryParam("q") @DefaultValue("") String q, @QueryParam("sort") @DefaultValue("newest") String sort,
                       @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("deleted") String deleted,
                       @Context UriInfo uri) {
        // only a notice we wrote ourselves: a link must not be able to put arbitrary text on the page
        String message = deleted != null && org.sregistry.api.ImageNameParser.isValid(deleted)
                ? "Deleted " + deleted + "." : null;
        ImageQuery.Sort order = switch (sort.toLowerCase(Locale.ROOT)) {
            case "name" -> ImageQuery.Sort.NAME;
            case "oldest" -> ImageQuery.Sort.OLDEST;
            case "size" -> ImageQuery.Sort.SIZE;
            default -> ImageQuery.Sort.NEWEST;
        };
        ImagePage page = registry.list(new ImageQuery(q, order, PAGE_SIZE, Math.max(0, offset)),
                access.visibleCollections().orElse(null));
        var rows = page.items().stream().map(ImagesPages::row).toList();
        String panels = fragments.render(UiSlots.HOME_PANELS, Optional.empty());
        String base = uri.getBaseUri().toString();
        return layout.page("Images", "home.jte", new HomeModel(q, order.name().toLowerCase(Locale.ROOT), rows,
                page.total(), page.offset(), PAGE_SIZE, panels, base, message, suggestedCollection()));
    }

    @GET
    @Path("container/{uri: .+}")
    public String container(@PathParam("uri") String uri, @Context UriInfo request) {
        ImageInfo image = visible(uri);
        String actions = fragments.render(UiSlots.CONTAINER_ACTIONS, Optional.of(image.uri()));
        ContainerModel model = new ContainerModel(image.uri(), image.name().withoutVersion(), image.version(),
                Sizes.human(image.size()), image.size(), time(image.createdAt()), time(image.updatedAt()),
                new TreeMap<>(image.fileInfo()), new TreeMap<>(image.metadata()),
                "/api/container/" + image.uri() + "/download",
                PullCommand.of(publicUrl, request.getBaseUri(), image.name().withoutVersion()), actions,
                CurrentRequest.csrfToken(), CurrentRequest.signedIn().map(org.sregistry.host.users.User::username).orElse(null),
                access.check(image.name().collection(), org.sregistry.registry.access.Action.DELETE).allowed());
        return layout.page(image.name().withoutVersion(), "container.jte", model);
    }

    @POST
    @Path("containers/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@FormParam("uri") String uri) {
        ImageInfo image = visible(uri);
        if (!access.check(image.name().collection(), org.sregistry.registry.access.Action.DELETE).allowed()) {
            throw new jakarta.ws.rs.ForbiddenException("You may not delete images of collection "
                    + image.name().collection() + ".");
        }
        if (!registry.remove(uri)) {
            throw new NotFoundException("No image " + uri + " in the registry.");
        }
        events.deleted(uri);
        return Response.seeOther(URI.create("/?deleted=" + URLEncoder.encode(uri, StandardCharsets.UTF_8))).build();
    }

    /**
     * The collection the empty page suggests pushing to: {@code library} for an administrator, else
     * one named after the user (which they may create; the part before an {@code @}).
     */
    private static String suggestedCollection() {
        return CurrentRequest.signedIn().filter(u -> !u.admin())
                .map(u -> u.username().replaceAll("@.*$", "").replaceAll("[^a-z0-9._-]", "-"))
                .filter(c -> c.matches("[a-z0-9][a-z0-9._-]*")).orElse("library");
    }

    /** The image, when it exists and the caller may pull it; else the same 404 page for both. */
    private ImageInfo visible(String uri) {
        return Optional.ofNullable(uri).flatMap(registry::get)
                .filter(i -> access.check(i.name().collection(), org.sregistry.registry.access.Action.PULL).allowed())
                .orElseThrow(() -> new NotFoundException("No image " + uri + " in the registry."));
    }

    private static HomeModel.ImageRow row(ImageInfo image) {
        return new HomeModel.ImageRow(image.uri(), image.name().withoutVersion(), Sizes.human(image.size()),
                time(image.updatedAt()), "/container/" + image.uri());
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
    }
}
