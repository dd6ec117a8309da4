package org.sregistry.host.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.sregistry.api.InsufficientStorageException;
import org.sregistry.api.StorageErrors;

/**
 * Watches the folders the registry writes user data to (the data dir, the images folder): their
 * usable space against the free-space floor ({@code REGISTRY_MIN_FREE_BYTES}) and whether they
 * can be written. {@code /health} reports a folder below the floor or not writable as
 * {@code DEGRADED}; {@code /metrics} shows {@code registry_storage_free_bytes{folder=...}}.
 *
 * <p>Every check measures afresh ({@code statvfs} and {@code access}, microseconds): nothing is
 * cached, so the answer changes the moment space is freed.
 */
public final class StorageMonitor {
    private final Map<String, Path> folders;
    private final LongSupplier minFreeBytes;

    /**
     * @param folders      role (e.g. {@code data}, {@code images}) → folder, in report order
     * @param minFreeBytes the floor, read on every check (it can change on the settings page)
     */
    public StorageMonitor(Map<String, Path> folders, LongSupplier minFreeBytes) {
        this.folders = new LinkedHashMap<>(folders);
        this.minFreeBytes = minFreeBytes;
    }

    /** One folder's state. {@code freeBytes} is -1 when it could not be measured. */
    public record FolderState(String role, Path folder, long freeBytes, long minFreeBytes, boolean writable) {
        /** Below the floor. */
        public boolean low() {
            return freeBytes >= 0 && freeBytes < minFreeBytes;
        }

        /**
         * What is wrong, in words, or empty. The folder is named by its role only: {@code /health} is public and its
         * readers have no business knowing the server's paths (507 answers and the log name them).
         */
        public Optional<String> problem() {
            String name = "the " + role + " folder";
            if (!writable) {
                return Optional.of(name + " is not writable");
            }
            if (low()) {
                return Optional.of("free space in " + name + " is "
                        + InsufficientStorageException.humanBytes(freeBytes) + " (" + freeBytes + " bytes), below the"
                        + " minimum of " + InsufficientStorageException.humanBytes(minFreeBytes)
                        + " (REGISTRY_MIN_FREE_BYTES)");
            }
            return Optional.empty();
        }

        /** {@code OK}, {@code LOW} or {@code NOT_WRITABLE}. */
        public String status() {
            return !writable ? "NOT_WRITABLE" : low() ? "LOW" : "OK";
        }
    }

    /** The state of every folder now. */
    public List<FolderState> check() {
        long floor = minFreeBytes.getAsLong();
        List<FolderState> states = new ArrayList<>();
        folders.forEach((role, folder) -> states.add(new FolderState(role, folder.toAbsolutePath(),
                StorageErrors.usableBytes(folder), floor, Files.isDirectory(folder) && Files.isWritable(folder))));
        return states;
    }

    /** Registers {@code registry_storage_free_bytes{folder=role}} and {@code registry_storage_min_free_bytes}. */
    public void bindTo(MeterRegistry meters) {
        folders.forEach((role, folder) -> Gauge.builder("registry.storage.free.bytes", folder, StorageErrors::usableBytes)
                .tag("folder", role)
                .strongReference(true)
                .description("usable bytes in the folder's file system (-1: unknown)")
                .register(meters));
        Gauge.builder("registry.storage.min.free.bytes", minFreeBytes, LongSupplier::getAsLong)
                .description("the free-space floor REGISTRY_MIN_FREE_BYTES")
                .strongReference(true)
                .register(meters);
    }
}
