package org.sregistry.globussim.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Call;
import org.sregistry.globussim.http.Reply;
import org.sregistry.globussim.http.Router;
import org.sregistry.globussim.store.Endpoint;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code operation/endpoint/{id}/ls}, {@code stat} and {@code mkdir} over an endpoint's folder. */
public final class FileRoutes {
    private final TransferAuth auth;
    private final EndpointAccess access;

    public FileRoutes(TransferAuth auth, EndpointAccess access) {
        this.auth = auth;
        this.access = access;
    }

    public void register(Router.Group transfer) {
        transfer.get("/v0.10/operation/endpoint/{endpoint_id}/ls", this::ls)
                .get("/v0.10/operation/endpoint/{endpoint_id}/stat", this::stat)
                .post("/v0.10/operation/endpoint/{endpoint_id}/mkdir", this::mkdir);
    }

    private Reply ls(Call call) throws IOException {
        Caller caller = auth.authenticate(call);
        Endpoint e = access.usable(caller, call.path("endpoint_id"), "ls");
        String path = call.param("path");
        if (path == null || path.isBlank()) path = e.defaultDirectory == null ? "/~/" : e.defaultDirectory;
        EndpointPaths.Resolved r = access.usablePath(caller, e, path, false);
        Path dir = r.local();
        if (!Files.exists(dir)) {
            throw new ApiError(404, "ClientError.NotFound", "Directory '" + path + "' not found on endpoint " + e.id);
        }
        if (!Files.isDirectory(dir)) {
            throw new ApiError(502, "ExternalError.DirListingFailed.NotDirectory",
                    "Command failed: '" + path + "' is not a directory (use stat for files)");
        }
        boolean showHidden = call.boolParam("show_hidden", true);
        var filter = ListingQuery.filter(call.param("filter"));
        Path realRoot = Path.of(e.root).toRealPath();
        List<Map<String, Object>> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                if (!showHidden && name.startsWith(".")) continue;
                Map<String, Object> doc = FileDocuments.render(child, realRoot);
                if (filter.test(doc)) entries.add(doc);
            }
        } catch (AccessDeniedException ex) {
            throw new ApiError(502, "ExternalError.DirListingFailed.PermissionDenied",
                    "Permission denied listing '" + path + "'");
        }
        entries.sort(ListingQuery.order(call.param("orderby")));
        int total = entries.size();
        int offset = Math.max(0, call.intParam("offset", 0));
        int limit = call.intParam("limit", 100000);
        if (limit < 1) throw ApiError.badRequest("limit must be positive");
        List<Map<String, Object>> page = entries.subList(Math.min(offset, total), Math.min(total, offset + Math.min(limit, 100000)));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "file_list");
        d.put("endpoint", e.id);
        d.put("path", EndpointPaths.asDirectory(path));
        d.put("absolute_path", null);
        d.put("rename_supported", true);
        d.put("symlink_supported", false);
        d.put("length", page.size());
        d.put("total", total);
        d.put("DATA", new ArrayList<>(page));
        return Reply.json(d);
    }

    private Reply stat(Call call) throws IOException {
        Caller caller = auth.authenticate(call);
        Endpoint e = access.usable(caller, call.path("endpoint_id"), "ls");
        String path = call.param("path");
        if (path == null || path.isBlank()) throw ApiError.badRequest("Missing required parameter 'path'");
        Path f = access.usablePath(caller, e, path, false).local();
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            throw new ApiError(404, "NotFound", "Path '" + path + "' not found on endpoint " + e.id);
        }
        return Reply.json(FileDocuments.render(f, Path.of(e.root).toRealPath()));
    }

    private Reply mkdir(Call call) throws IOException {
        Caller caller = auth.authenticate(call);
        JsonNode body = call.jsonObject();
        String dataType = body.path("DATA_TYPE").asText("mkdir");
        if (!"mkdir".equals(dataType)) throw ApiError.badRequest("DATA_TYPE must be 'mkdir', not '" + dataType + "'");
        String path = body.path("path").isTextual() ? body.get("path").asText() : null;
        if (path == null || path.isBlank()) throw ApiError.badRequest("Missing required field 'path'");
        Endpoint e = access.usable(caller, call.path("endpoint_id"), "mkdir");
        Path dir = access.usablePath(caller, e, path, true).local();
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new ApiError(502, "ExternalError.MkdirFailed.Exists", "Path already exists: '" + path + "'");
        }
        try {
            Files.createDirectory(dir);
        } catch (NoSuchFileException ex) {
            throw new ApiError(404, "ClientError.NotFound", "Parent directory of '" + path + "' does not exist (mkdir is not recursive)");
        } catch (FileAlreadyExistsException ex) {
            throw new ApiError(502, "ExternalError.MkdirFailed.Exists", "Path already exists: '" + path + "'");
        } catch (AccessDeniedException ex) {
            throw new ApiError(502, "ExternalError.MkdirFailed.PermissionDenied", "Permission denied creating '" + path + "'");
        }
        return Reply.json(202, Results.result("mkdir_result", "DirectoryCreated", "The directory was created successfully", call));
    }
}
