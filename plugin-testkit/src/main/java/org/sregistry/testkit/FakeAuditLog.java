package org.sregistry.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sregistry.api.Access;
import org.sregistry.api.AuditLog;

/**
 * An {@link AuditLog} that keeps every call for the test to read ({@link #entries()}). The host would store the
 * action as {@code <plugin id>.<action>}, add the request's user and address, and leave out secret-looking details;
 * here each call is kept exactly as the plugin made it, so a test can assert what the plugin passed.
 */
public final class FakeAuditLog implements AuditLog {

    /**
     * One call.
     *
     * @param onBehalfOf the caller given to {@link AuditLog#recordFor}, or null (from {@link AuditLog#record})
     * @param action     the action as the plugin named it, e.g. {@code transfer.get}
     * @param target     what was acted on
     * @param details    the details, as given (a copy)
     */
    public record Entry(Access.Caller onBehalfOf, String action, String target, Map<String, String> details) {
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public void record(String action, String target, Map<String, String> details) {
        add(new Entry(null, action, target, copy(details)));
    }

    @Override
    public void recordFor(Access.Caller onBehalfOf, String action, String target, Map<String, String> details) {
        add(new Entry(onBehalfOf, action, target, copy(details)));
    }

    /** Every call so far, oldest first (a copy). */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    private synchronized void add(Entry entry) {
        entries.add(entry);
    }

    private static Map<String, String> copy(Map<String, String> details) {
        return details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
