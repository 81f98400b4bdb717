package dev.herald.platform.store;

import dev.herald.platform.Worker;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own. By default
 * SQLite does this inside the commit that fills the log past 1,000 pages: that commit then also
 * copies the pages and syncs the file while holding the single write lock, and every request queued
 * behind it waits (a few milliseconds every half second under a steady turn load: the tail of the
 * turn latency). The pool's connections therefore run with {@code wal_autocheckpoint = 0} and this
 * checkpointer runs a {@code PASSIVE} checkpoint every {@link #INTERVAL}, which never blocks readers
 * or writers; the log stays small because it is emptied twenty times a second (every 200 ms
 * measured worse: after a burst of ingestion the larger catch-up checkpoints stalled writers for up
 * to 100 ms behind the file system's sync). {@link #stop} ends with a {@code TRUNCATE}
 * checkpoint. Thread-safe.
 *
 * <p>A {@link Worker}, but one the {@link Database} starts and stops itself rather than the
 * server: the pool's connections never checkpoint, so this must run whenever the pool does,
 * also in CLI commands that start no server.
 */
final class SqliteCheckpointer implements Worker {
    /** Pragma for the pool's connections: no checkpoint inside commits. */
    static final String NO_AUTO_CHECKPOINT = "PRAGMA wal_autocheckpoint = 0";
    static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Logger log = LoggerFactory.getLogger(SqliteCheckpointer.class);

    private final Connection connection;
    private final Duration interval;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private SqliteCheckpointer(Connection connection, Duration interval) {
        this.connection = connection;
        this.interval = interval;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-sqlite-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    /** A checkpointer for the database at {@code jdbcUrl} (a SQLite file), on a connection of its own. */
    static SqliteCheckpointer on(String jdbcUrl, Duration interval) {
        try {
            return new SqliteCheckpointer(DriverManager.getConnection(jdbcUrl), interval);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + jdbcUrl + " for checkpoints: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "sqlite-checkpointer";
    }

    @Override
    public void start() {
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(this::checkpointQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void checkpointQuietly() {
        try {
            checkpoint("PASSIVE");
        } catch (SQLException e) {
            // Nothing is lost: the log just grows until the next attempt succeeds.
            log.warn("SQLite checkpoint failed: {}", e.getMessage());
        }
    }

    private synchronized void checkpoint(String mode) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            rs.next();
        }
    }

    @Override
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
            checkpoint("TRUNCATE");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            log.warn("final SQLite checkpoint failed: {}", e.getMessage());
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the checkpoint connection: {}", e.getMessage());
            }
        }
    }
}
