package org.sregistry.registry.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.sregistry.api.AddRequest;
import org.sregistry.api.AddResult;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.ImagePage;
import org.sregistry.api.ImageQuery;
import org.sregistry.api.RegistryService;

/** The registry as one plugin sees it: once-keys live in the plugin's own namespace. */
final class PluginScopedRegistry implements RegistryService {
    private final RegistryService registry;
    private final String prefix;

    PluginScopedRegistry(RegistryService registry, String pluginId) {
        this.registry = registry;
        this.prefix = pluginId + "/";
    }

    @Override
    public ImagePage list(ImageQuery query) {
        return registry.list(query);
    }

    @Override
    public Optional<ImageInfo> get(String uri) {
        return registry.get(uri);
    }

    @Override
    public AddResult add(AddRequest r) throws IOException {
        AddRequest scoped = r.onceKey() == null ? r
                : new AddRequest(r.file(), r.stream(), r.name(), r.metadata(), prefix + r.onceKey(), r.replaceExisting());
        return registry.add(scoped);
    }

    @Override
    public boolean remove(String uri) {
        return registry.remove(uri);
    }

    @Override
    public Path blobFile(ImageInfo image) {
        return registry.blobFile(image);
    }

    @Override
    public InputStream open(ImageInfo image) throws IOException {
        return registry.open(image);
    }
}
