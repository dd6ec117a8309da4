package org.sregistry.globus.transfers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.sregistry.api.PluginStore;

/**
 * Submits in flight ({@link SubmitIntent}s), one JSON record per submission id in the host database
 * ({@link PluginStore} kind {@value #KIND}). There are few at any time: an intent lives from just before a push
 * stages its copies (or a pull is sent) until Globus names its task, then becomes a {@link TransferRecord}.
 * Changes are compare-and-set, so the submitting request and the import task's recovery (in this or another
 * registry process) never both win a transition.
 */
public final class SubmitIntents {
    /** The PluginStore kind of intents. */
    public static final String KIND = "transfer-intent";
    private static final int MAX_CAS_ATTEMPTS = 20;

    private final PluginStore store;

    public SubmitIntents(PluginStore store) {
        this.store = store;
    }

    /** Writes a new intent; false when its submission id is taken (never, for ids Globus handed out). */
    public boolean add(SubmitIntent intent) {
        return store.insertIfAbsent(KIND, intent.submissionId(), LedgerJson.write(intent));
    }

    public Optional<SubmitIntent> get(String submissionId) {
        return store.get(KIND, submissionId).map(SubmitIntents::read);
    }

    /** The newest {@code max} intents, newest first. */
    public List<SubmitIntent> list(int max) {
        List<SubmitIntent> out = new ArrayList<>();
        store.list(KIND, max, 0).forEach(r -> out.add(read(r.value())));
        return out;
    }

    /**
     * Applies {@code change} atomically when {@code allowed} holds for the current intent; the stored result, or
     * empty when there is no such intent or {@code allowed} said no (someone else moved it on).
     */
    public Optional<SubmitIntent> transition(String submissionId, Predicate<SubmitIntent> allowed,
                                             UnaryOperator<SubmitIntent> change) {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            Optional<String> current = store.get(KIND, submissionId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            SubmitIntent before = read(current.get());
            if (!allowed.test(before)) {
                return Optional.empty();
            }
            SubmitIntent after = change.apply(before);
            if (store.replace(KIND, submissionId, current.get(), LedgerJson.write(after))) {
                return Optional.of(after);
            }
        }
        throw new IllegalStateException("submit intent " + submissionId + " keeps changing under us");
    }

    public void delete(String submissionId) {
        store.delete(KIND, submissionId);
    }

    private static SubmitIntent read(String text) {
        return LedgerJson.read(text, SubmitIntent.class);
    }
}
