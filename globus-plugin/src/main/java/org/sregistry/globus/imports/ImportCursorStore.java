package org.sregistry.globus.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.sregistry.api.PluginStore;

/**
 * Keeps the {@link ImportCursor} in the host database ({@link PluginStore} kind {@code import-cursor}),
 * so a restart (or a second registry process on the same database) continues where the last listing
 * stopped instead of reading the whole task history again.
 */
public final class ImportCursorStore {
    /** The PluginStore kind. */
    public static final String KIND = "import-cursor";
    /** The one key under it. */
    public static final String KEY = "task-list";
    private static final int MAX_CAS_ATTEMPTS = 20;

    private final PluginStore store;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ImportCursorStore(PluginStore store) {
        this.store = store;
    }

    /** The stored cursor, if any listing ever finished. */
    public Optional<ImportCursor> load() {
        return store.get(KIND, KEY).map(this::read);
    }

    /**
     * Stores {@code cursor} merged with whatever another process stored meanwhile (compare-and-set),
     * so the cursor never moves backwards. Answers what is stored now.
     */
    public ImportCursor save(ImportCursor cursor) {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            Optional<String> current = store.get(KIND, KEY);
            if (current.isEmpty()) {
                if (store.insertIfAbsent(KIND, KEY, write(cursor))) {
                    return cursor;
                }
                continue;
            }
            ImportCursor merged = cursor.mergedWith(read(current.get()));
            String text = write(merged);
            if (text.equals(current.get()) || store.replace(KIND, KEY, current.get(), text)) {
                return merged;
            }
        }
        throw new IllegalStateException("the import cursor keeps changing under us; giving up this round");
    }

    private ImportCursor read(String text) {
        try {
            return json.readValue(text, ImportCursor.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable import cursor", e);
        }
    }

    private String write(ImportCursor cursor) {
        try {
            return json.writeValueAsString(cursor);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write import cursor", e);
        }
    }
}
