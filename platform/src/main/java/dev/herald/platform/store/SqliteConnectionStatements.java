package dev.herald.platform.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.Codes;
import org.sqlite.core.CoreStatement;

/**
 * The prepared statements of one physical SQLite connection: at most one idle statement per SQL
 * string, the least recently returned evicted (and closed) beyond {@code capacity} strings.
 *
 * <p>A statement is lent out exclusively: {@link #take} removes it from the idle set, so the same
 * SQL open twice at once (a query iterating while a nested statement with the same text runs) gets
 * a second, freshly prepared statement. {@link #giveBack} resets a statement before it goes idle,
 * so an idle statement holds no read transaction (no WAL snapshot, nothing blocking a
 * checkpoint), no bindings, no batch and none of the settings a Jdbi customizer may have changed;
 * a statement whose execution or last step failed, or that cannot be reset, is closed instead.
 *
 * <p>Thread-safety: the pool lends a connection to one borrower at a time, so calls never really
 * contend; the methods are synchronized only to keep the state safe if that ever changes.
 */
final class SqliteConnectionStatements {
    private static final Logger log = LoggerFactory.getLogger(SqliteConnectionStatements.class);

    private final SQLiteConnection connection;
    private final Map<String, PreparedStatement> idle;
    private final Map<Statement, Loan> lent = new IdentityHashMap<>();
    private final LongAdder prepares;
    private final LongAdder reuses;

    SqliteConnectionStatements(SQLiteConnection connection, int capacity, LongAdder prepares, LongAdder reuses) {
        this.connection = connection;
        this.prepares = prepares;
        this.reuses = reuses;
        // Insertion order is recency: take() removes an entry and giveBack() puts it back last.
        this.idle = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                closeQuietly(eldest.getValue());
                return true;
            }
        };
    }

    /**
     * An idle statement for {@code sql}, or a new one prepared on the physical connection, lent
     * to the Jdbi statement whose context is {@code ctx}.
     */
    synchronized PreparedStatement take(String sql, StatementContext ctx) throws SQLException {
        PreparedStatement statement = idle.remove(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepares.increment();
        } else {
            reuses.increment();
        }
        lent.put(statement, new Loan(sql, ctx));
        return statement;
    }

    /**
     * Takes back a statement lent by {@link #take}: it goes idle when its execution completed
     * without an exception, it resets cleanly and no other statement for its SQL is idle; else it
     * is closed.
     *
     * @return false when {@code statement} was not lent by this cache (the caller closes it)
     */
    synchronized boolean giveBack(Statement statement) throws SQLException {
        // Keyed by the statement, not by the SQL Jdbi passes to close: that is the text before
        // Jdbi parsed its named parameters, not the text that was prepared.
        Loan loan = lent.remove(statement);
        if (loan == null) {
            return false;
        }
        PreparedStatement prepared = (PreparedStatement) statement;
        if (idle.containsKey(loan.sql()) || !loan.completed() || !resetForReuse(prepared)) {
            prepared.close();
        } else {
            idle.put(loan.sql(), prepared);
        }
        return true;
    }

    /**
     * Closes statements still lent when their handle closes, before the connection goes back to
     * the pool. Jdbi does not give back a statement whose results were abandoned (an iterator
     * never closed); the pool used to close such statements with the connection.
     */
    synchronized void closeLent() {
        for (Statement statement : lent.keySet()) {
            closeQuietly(statement);
        }
        lent.clear();
    }

    /** Statements lent and not yet given back (for tests). */
    synchronized int lentCount() {
        return lent.size();
    }

    /**
     * Makes {@code statement} as good as freshly prepared; false when it must not be reused.
     *
     * <p>sqlite-jdbc resets the native statement when a step returns DONE and when an open result
     * set is closed, but not when a statement that produced rows was executed without reading
     * them (a row-returning statement run as an update, a PRAGMA), nor after a step that failed
     * with BUSY, LOCKED or CONSTRAINT; other step errors finalize the statement. So reset it here
     * directly: {@code sqlite3_reset} ends the statement's read transaction in autocommit mode and
     * returns the error of the last step, if any, which marks a statement that failed.
     * clearParameters() clears the native bindings and the values held for them; clearBatch()
     * drops a batch that was added but never executed.
     */
    private static boolean resetForReuse(PreparedStatement statement) {
        try {
            if (statement.isClosed()) {
                return false;
            }
            int rc = ((CoreStatement) statement).pointer.safeRunInt((db, ptr) -> db.reset(ptr));
            if (rc != Codes.SQLITE_OK) {
                return false;
            }
            statement.clearParameters();
            statement.clearBatch();
            // Settings Jdbi customizers may set per statement; the next user expects defaults.
            if (statement.getQueryTimeout() != 0) {
                statement.setQueryTimeout(0);
            }
            if (statement.getLargeMaxRows() != 0) {
                statement.setLargeMaxRows(0);
            }
            if (statement.getFetchSize() != 0) {
                statement.setFetchSize(0);
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            log.debug("not reusing a statement that could not be reset: {}", e.toString());
            return false;
        }
    }

    /** A statement lent for {@code sql} to the Jdbi statement with context {@code ctx}. */
    private record Loan(String sql, StatementContext ctx) {
        /**
         * True when Jdbi executed the statement and the execution did not throw. Jdbi stamps
         * these moments around every execution; on an execution error sqlite-jdbc resets the
         * statement itself, so the reset below cannot tell that it failed. A statement that was
         * never executed (binding or a customizer threw first) is not reused either. Not seen
         * here: a step error while iterating rows, which sqlite-jdbc's ResultSet.close() resets
         * away and Jdbi does not record; such a statement comes back reset, and SQLite allows a
         * reset statement to run again after any error.
         */
        boolean completed() {
            return ctx.getCompletionMoment() != null && ctx.getExceptionMoment() == null;
        }
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            log.debug("closing a statement failed: {}", e.toString());
        }
    }
}
