package dev.herald.platform.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, migrations and Jdbi for one database, plus the transaction helpers every
 * feature service uses: {@link #read} and {@link #write}.
 *
 * <p>Thread-safe. Calls nest: a {@code write} or {@code read} made while the same thread is already
 * inside a {@code write} joins that transaction (this is how the idempotency wrapper and a feature
 * service share one transaction without passing handles around).
 *
 * <p>SQLite allows one writer at a time. Writes are therefore serialized in this process by a fair
 * lock and every SQLite transaction starts {@code IMMEDIATE} with a busy timeout, so concurrent
 * requests queue instead of failing with {@code SQLITE_BUSY}; another process (the CLI writing
 * while the server runs) waits on the busy timeout. PostgreSQL needs no lock.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final SqliteStatementCache statements;
    private final SqliteCheckpointer checkpointer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final ThreadLocal<Handle> currentWrite = new ThreadLocal<>();

    private Database(Dialect dialect, HikariDataSource dataSource, SqliteCheckpointer checkpointer) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.checkpointer = checkpointer;
        this.jdbi = Jdbi.create(dataSource);
        // PostgreSQL's driver already caches server-side prepared statements per connection.
        this.statements = dialect == Dialect.SQLITE ? new SqliteStatementCache(SqliteStatementCache.DEFAULT_CAPACITY) : null;
        if (statements != null) {
            jdbi.setStatementBuilderFactory(statements);
        }
    }

    /**
     * Opens a pool on {@code jdbcUrl}. For SQLite the parent directory is created.
     *
     * @param poolSize maximum connections (SQLite readers share the file; writes are serialized anyway)
     * @param metrics  registry for pool metrics, or {@code null}
     */
    /**
     * Session settings of Herald's PostgreSQL connections (sent at connect; an {@code options}
     * parameter in the URL replaces them). Atom ingestion writes in bursts, and with PostgreSQL's
     * default {@code backend_flush_after = 0} the pages a backend evicts sit dirty in the OS page
     * cache until writeback flushes hundreds of MB at once, half a minute later: measured here as
     * 30-70 ms commit stalls in the middle of live calls. Flushing as the backend goes keeps that
     * backlog small.
     */
    static final String PG_SESSION_OPTIONS = "-c backend_flush_after=256kB";

    public static Database open(String jdbcUrl, int poolSize, MeterRegistry metrics) {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setPoolName("herald-" + dialect.folder());
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(Math.min(2, poolSize));
        hc.setConnectionTimeout(5_000);
        hc.setInitializationFailTimeout(-1);
        if (dialect == Dialect.SQLITE) {
            prepareFile(jdbcUrl);
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("synchronous", "NORMAL");
            hc.addDataSourceProperty("foreign_keys", "true");
            hc.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
            hc.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            if (isFile(jdbcUrl)) {
                hc.setConnectionInitSql(SqliteCheckpointer.NO_AUTO_CHECKPOINT);
            }
            // Never recycle connections by age: that guards against servers and networks closing
            // long-lived connections, which a local file does not do, and a new connection starts
            // with an empty statement cache. Idle connections above minimumIdle are still retired.
            hc.setMaxLifetime(0);
        }
        if (dialect == Dialect.POSTGRESQL) {
            // A chain batch is one JDBC batch of up to 100 inserts; sent as multi-row INSERTs it
            // costs PostgreSQL a few statement executions instead of one per row.
            hc.addDataSourceProperty("reWriteBatchedInserts", "true");
            if (!jdbcUrl.contains("options=")) {
                hc.addDataSourceProperty("options", PG_SESSION_OPTIONS);
            }
        }
        if (metrics != null) {
            hc.setMetricRegistry(metrics);
        }
        HikariDataSource pool = new HikariDataSource(hc);
        SqliteCheckpointer checkpointer = dialect == Dialect.SQLITE && isFile(jdbcUrl)
                ? SqliteCheckpointer.on(jdbcUrl, SqliteCheckpointer.INTERVAL) : null;
        if (checkpointer != null) {
            checkpointer.start();
        }
        return new Database(dialect, pool, checkpointer);
    }

    /** A SQLite URL naming a file (not an in-memory database). */
    private static boolean isFile(String jdbcUrl) {
        return !jdbcUrl.contains(":memory:") && !jdbcUrl.contains("mode=memory");
    }

    /** The database file's directory exists and the file and its side files are owner-only ({@link OwnerOnly}). */
    private static void prepareFile(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            OwnerOnly.prepareSqliteFile(Path.of(file));
        } catch (java.io.IOException e) {
            throw new StoreException("cannot prepare the database file in " + parent + ": " + e.getMessage(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Applies pending migrations: {@code db/migration/common} plus the vendor folder if present. */
    public MigrateResult migrate() {
        List<String> locations = new ArrayList<>();
        locations.add("classpath:db/migration/common");
        String vendor = "db/migration/" + dialect.folder();
        if (Database.class.getClassLoader().getResource(vendor) != null) {
            locations.add("classpath:" + vendor);
        }
        try {
            return Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(locations.toArray(String[]::new))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("migration failed: " + rootMessage(e), e);
        }
    }

    /** Runs {@code work} in a read-only context (joins the thread's current write if any). */
    public <T> T read(Work<T> work) {
        Handle current = currentWrite.get();
        if (current != null) {
            return work.run(current);
        }
        try (Handle h = jdbi.open()) {
            return work.run(h);
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    /**
     * Runs {@code work} in one transaction, committed when it returns and rolled back when it
     * throws. Nested calls on the same thread join the outer transaction.
     */
    public <T> T write(Work<T> work) {
        return onWriter(work, true);
    }

    /**
     * Runs {@code work} outside any transaction: each statement commits on its own. For a write
     * that is one guarded statement (it checks what was read earlier and changes nothing when that
     * moved), where a transaction would only add a {@code COMMIT} round trip. Joins the thread's
     * current write if any; on SQLite it takes the writer lock like {@link #write}.
     */
    public <T> T autocommit(Work<T> work) {
        return onWriter(work, false);
    }

    /**
     * Runs an optimistic write: {@code read} first, outside any transaction and without SQLite's
     * writer lock (so it must not write), then {@code write} with what it read, in autocommit and,
     * on SQLite, holding the writer lock. For work that decides from a read and saves with one
     * write guarded on what was read (redone under a lock when that moved): the lock is then held
     * for the write alone, not for the read and the deciding. On PostgreSQL both run on one
     * connection; on SQLite the read's connection goes back to the pool before the lock is
     * awaited, since a thread holding a connection while it queues for the lock could starve the
     * lock's holder of one. Joins the thread's current write if any.
     */
    public <R, T> T optimistic(Work<R> read, Continuation<R, T> write) {
        Handle current = currentWrite.get();
        if (current != null) {
            return write.run(current, read.run(current));
        }
        if (dialect == Dialect.SQLITE) {
            R seen = read(read);
            return onWriter(h -> write.run(h, seen), false);
        }
        try (Handle h = jdbi.open()) {
            return write.run(h, read.run(h));
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    private <T> T onWriter(Work<T> work, boolean transaction) {
        Handle current = currentWrite.get();
        if (current != null) {
            return work.run(current);
        }
        boolean locked = dialect == Dialect.SQLITE;
        if (locked) {
            writeLock.lock();
        }
        try (Handle h = jdbi.open()) {
            if (!transaction) {
                return work.run(h);
            }
            currentWrite.set(h);
            return h.inTransaction(work::run);
        } catch (JdbiException e) {
            throw translate(e);
        } finally {
            currentWrite.remove();
            if (locked) {
                writeLock.unlock();
            }
        }
    }

    /**
     * True while this thread is inside {@link #write}: a service about to make a network call
     * checks it, since no network call may be made while a write transaction holds locks.
     */
    public boolean inTransaction() {
        return currentWrite.get() != null;
    }

    /** A unit of database work given an open handle. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Handle handle);
    }

    /** The write of {@link #optimistic}, given the handle and what the read returned. */
    @FunctionalInterface
    public interface Continuation<R, T> {
        T run(Handle handle, R read);
    }

    /** Runs a real query; throws {@link StoreException} when the database does not answer. */
    public void ping() {
        read(h -> h.createQuery("SELECT 1").setQueryTimeout(2).mapTo(Integer.class).one());
    }

    /**
     * A new connection of its own, outside the pool, for a session that lives as long as the node
     * (the event bus's {@code LISTEN}), which must neither hold a pool slot nor be recycled by the
     * pool. Same URL and driver properties as the pool's connections; the caller closes it.
     */
    public Connection openDedicatedConnection() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(dataSource.getDataSourceProperties());
        return DriverManager.getConnection(dataSource.getJdbcUrl(), properties);
    }

    /** True when {@code e} (or a cause) is a unique/primary key violation, on either dialect. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("23505".equals(state)) {
                    return true;
                }
                String msg = String.valueOf(sql.getMessage());
                if (msg.contains("SQLITE_CONSTRAINT_UNIQUE") || msg.contains("SQLITE_CONSTRAINT_PRIMARYKEY")) {
                    return true;
                }
            }
        }
        return false;
    }

    private RuntimeException translate(JdbiException e) {
        if (isUniqueViolation(e)) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return new StoreException("database unavailable", e);
            }
        }
        return e;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The SQLite statement cache, or {@code null} on PostgreSQL (for tests). */
    SqliteStatementCache statementCache() {
        return statements;
    }

    /** Makes the pool retire its connections, idle ones now and busy ones when returned (for tests). */
    void retireConnections() {
        dataSource.getHikariPoolMXBean().softEvictConnections();
    }

    /** True when the pool is closed (used by shutdown tests). */
    public boolean isClosed() {
        return dataSource.isClosed();
    }

    @Override
    public void close() {
        if (!dataSource.isClosed()) {
            dataSource.close();
            if (checkpointer != null) {
                checkpointer.stop();
            }
            log.debug("connection pool closed");
        }
    }
}
