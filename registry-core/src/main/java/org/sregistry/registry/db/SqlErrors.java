package org.sregistry.registry.db;

import java.sql.SQLException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Classifies database errors portably: PostgreSQL by SQLSTATE, SQLite (whose driver sets no
 * SQLSTATE) by its extended result code.
 */
public final class SqlErrors {
    /** Unique constraint violated. */
    private static final String DUPLICATE = "23505";
    /** Errors after which the whole transaction may simply be retried. */
    private static final Set<String> RETRYABLE = Set.of(
            DUPLICATE,
            "40001",  // serialization failure (PostgreSQL, standard)
            "40P01"); // deadlock (PostgreSQL)

    private SqlErrors() {
    }

    /** True when {@code e} (or a cause) is a unique-key violation. */
    public static boolean isDuplicateKey(Throwable e) {
        SQLiteErrorCode sqlite = sqliteCode(e);
        if (sqlite != null) {
            return sqlite == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY || sqlite == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
        }
        return DUPLICATE.equals(sqlState(e));
    }

    /** True when {@code e} (or a cause) is a conflict worth retrying the transaction for. */
    public static boolean isRetryable(Throwable e) {
        SQLiteErrorCode sqlite = sqliteCode(e);
        if (sqlite != null) {
            // BUSY: the write lock stayed taken longer than the busy timeout; LOCKED: a shared-cache conflict
            return isDuplicateKey(e) || (sqlite.code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code
                    || (sqlite.code & 0xff) == SQLiteErrorCode.SQLITE_LOCKED.code;
        }
        String state = sqlState(e);
        return state != null && RETRYABLE.contains(state);
    }

    /**
     * True when the database could not write because its disk is full: SQLite's {@code SQLITE_FULL}
     * (also reported for a WAL that cannot grow), PostgreSQL's {@code 53100 disk_full}.
     */
    public static boolean isDiskFull(Throwable e) {
        SQLiteErrorCode sqlite = sqliteCode(e);
        if (sqlite != null) {
            return (sqlite.code & 0xff) == SQLiteErrorCode.SQLITE_FULL.code;
        }
        return "53100".equals(sqlState(e));
    }

    private static SQLiteErrorCode sqliteCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                return sqlite.getResultCode();
            }
        }
        return null;
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
