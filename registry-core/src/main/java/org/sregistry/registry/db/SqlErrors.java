package org.sregistry.registry.db;

import java.sql.SQLException;
import java.util.Set;

/** Classifies database errors portably (H2 and PostgreSQL) by SQLSTATE. */
public final class SqlErrors {
    /** Unique constraint violated. */
    private static final String DUPLICATE = "23505";
    /** Errors after which the whole transaction may simply be retried. */
    private static final Set<String> RETRYABLE = Set.of(
            DUPLICATE,
            "40001",  // serialization failure (PostgreSQL, standard)
            "40P01",  // deadlock (PostgreSQL)
            "90131",  // concurrent update (H2)
            "HYT00"); // lock timeout (H2)

    private SqlErrors() {
    }

    /** True when {@code e} (or a cause) is a unique-key violation. */
    public static boolean isDuplicateKey(Throwable e) {
        return DUPLICATE.equals(sqlState(e));
    }

    /** True when {@code e} (or a cause) is a conflict worth retrying the transaction for. */
    public static boolean isRetryable(Throwable e) {
        String state = sqlState(e);
        return state != null && RETRYABLE.contains(state);
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
