package org.sregistry.registry.db;

import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs a transaction and runs it again when it lost a race (duplicate key, lock timeout,
 * serialization failure). The callback must therefore be safe to repeat: it must read the state it
 * depends on inside the transaction.
 */
public final class Transactions {
    private static final int MAX_ATTEMPTS = 30;

    private Transactions() {
    }

    /** Runs {@code work} in a READ COMMITTED transaction, retrying lost races a bounded number of times. */
    public static <R, X extends Exception> R retrying(Jdbi jdbi, HandleCallback<R, X> work) throws X {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work);
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !SqlErrors.isRetryable(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** Same as {@link #retrying(Jdbi, HandleCallback)} for work without a result. */
    public static <X extends Exception> void retryingVoid(Jdbi jdbi, HandleConsumerX<X> work) throws X {
        retrying(jdbi, (Handle h) -> {
            work.useHandle(h);
            return null;
        });
    }

    /** A handle consumer that may throw {@code X}. */
    @FunctionalInterface
    public interface HandleConsumerX<X extends Exception> {
        /** Does the work. */
        void useHandle(Handle handle) throws X;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 + Math.min(attempt, 10) * 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
