package dev.herald.platform.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;

/**
 * Reuses SQLite prepared statements across Jdbi handles: without it every statement pays
 * {@code sqlite3_prepare} again, since neither sqlite-jdbc nor HikariCP caches statements.
 *
 * <p>The pool hands out proxies and closes every statement made through a proxy when the
 * connection goes back to the pool, so statements are prepared on, and cached with, the physical
 * {@link SQLiteConnection} ({@link SqliteConnectionStatements}). The cache of a connection the
 * pool has closed is dropped when the next new connection registers, so retired connections do
 * not accumulate (their statements were already finalized by the driver when it closed). Weak
 * keys would not do: every cached statement holds its connection strongly.
 *
 * <p>Statements that need special creation (generated keys, updatable result sets, calls, plain
 * statements) go through Jdbi's default builder on the proxy, uncached, exactly as before.
 *
 * <p>Thread-safe.
 */
final class SqliteStatementCache implements StatementBuilderFactory {
    /** Distinct SQL strings kept idle per connection; the least recently used beyond are closed. */
    static final int DEFAULT_CAPACITY = 128;

    private static final StatementBuilder UNCACHED = new DefaultStatementBuilder();

    private final int capacity;
    private final Map<SQLiteConnection, SqliteConnectionStatements> byConnection = new IdentityHashMap<>();
    private final LongAdder prepares = new LongAdder();
    private final LongAdder reuses = new LongAdder();

    SqliteStatementCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        SQLiteConnection physical = physical(connection);
        return physical == null ? UNCACHED : new Builder(statementsOf(physical));
    }

    /** Statements prepared through the cache so far. */
    long prepares() {
        return prepares.sum();
    }

    /** Idle statements handed out again so far. */
    long reuses() {
        return reuses.sum();
    }

    /** Statements lent and not yet given back, over all connections (for tests). */
    synchronized int lent() {
        return byConnection.values().stream().mapToInt(SqliteConnectionStatements::lentCount).sum();
    }

    /** Physical connections with a cache (for tests). */
    synchronized int connections() {
        return byConnection.size();
    }

    private static SQLiteConnection physical(Connection connection) {
        try {
            return connection.isWrapperFor(SQLiteConnection.class) ? connection.unwrap(SQLiteConnection.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private synchronized SqliteConnectionStatements statementsOf(SQLiteConnection physical) {
        SqliteConnectionStatements statements = byConnection.get(physical);
        if (statements == null) {
            // A new physical connection usually replaces one the pool retired: forget closed ones.
            byConnection.keySet().removeIf(SqliteStatementCache::isClosed);
            statements = new SqliteConnectionStatements(physical, capacity, prepares, reuses);
            byConnection.put(physical, statements);
        }
        return statements;
    }

    private static boolean isClosed(SQLiteConnection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** One per Jdbi handle; the handle's connection is fixed, and so is its statement cache. */
    private static final class Builder implements StatementBuilder {
        private final SqliteConnectionStatements statements;

        Builder(SqliteConnectionStatements statements) {
            this.statements = statements;
        }

        @Override
        public Statement create(Connection conn, StatementContext ctx) throws SQLException {
            return UNCACHED.create(conn, ctx);
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
                return UNCACHED.create(conn, sql, ctx);
            }
            return statements.take(sql, ctx);
        }

        @Override
        public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
            return UNCACHED.createCall(conn, sql, ctx);
        }

        @Override
        public void close(Connection conn, String sql, Statement stmt) throws SQLException {
            if (stmt != null && !statements.giveBack(stmt)) {
                stmt.close();
            }
        }

        @Override
        public void close(Connection conn) {
            statements.closeLent();
        }
    }
}
