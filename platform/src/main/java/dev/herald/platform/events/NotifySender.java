package dev.herald.platform.events;

import dev.herald.platform.store.Database;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the bus's {@code NOTIFY}s from a connection of its own, once the publishing transaction
 * has committed. PostgreSQL commits every transaction that ran {@code NOTIFY} under one
 * cluster-wide lock, held until its commit record is flushed: call-event transactions that
 * notified in their own transaction committed one fsync at a time, each holding a pooled
 * connection while it queued (sampled in a voice bench run: backends waiting on that lock at
 * {@code COMMIT}). Here the data transactions commit without it, and the notifications follow in
 * short transactions of their own that write no data, with {@code synchronous_commit} off.
 *
 * <p>Group send: a publisher adds its event and then either sends everything waiting (itself and
 * whoever queued meanwhile, in one transaction) or finds that the sender before it already did.
 * Either way {@link #send} returns after its event went out (or failed), so a command-line process
 * that publishes and exits loses nothing. Events go out in the order {@link #send} was called.
 * PostgreSQL folds identical notifications (same payload) of one transaction into one, which a
 * bus whose events only say "look now" can afford. Thread-safe.
 */
final class NotifySender {
    /** How the sending connection shows in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "herald-events-send";
    private static final Logger log = LoggerFactory.getLogger(NotifySender.class);

    private final Database db;
    private final String pgChannel;
    /** Where events go when PostgreSQL cannot take them: this node's own subscribers at least. */
    private final Consumer<List<Event>> unsent;
    private final ReentrantLock sending = new ReentrantLock();
    private final List<Event> waiting = new ArrayList<>(); // guarded by this
    private long queued; // guarded by this
    private long sent; // guarded by this
    private Connection connection; // guarded by sending
    private boolean closed; // guarded by sending

    NotifySender(Database db, String pgChannel, Consumer<List<Event>> unsent) {
        this.db = db;
        this.pgChannel = pgChannel;
        this.unsent = unsent;
    }

    /** Sends {@code event}, alone or with others waiting; never throws. */
    void send(Event event) {
        long mine;
        synchronized (this) {
            waiting.add(event);
            mine = ++queued;
        }
        sending.lock();
        try {
            List<Event> batch;
            long upTo;
            synchronized (this) {
                if (sent >= mine) {
                    return; // the sender before us took ours along
                }
                batch = List.copyOf(waiting);
                waiting.clear();
                upTo = queued;
            }
            transmit(batch);
            synchronized (this) {
                sent = upTo;
            }
        } finally {
            sending.unlock();
        }
    }

    /** Sends through PostgreSQL again after {@link #close} (a bus started anew). */
    void open() {
        sending.lock();
        try {
            closed = false;
        } finally {
            sending.unlock();
        }
    }

    /** Closes the connection; events sent afterwards reach only this node's subscribers. */
    void close() {
        sending.lock();
        try {
            closed = true;
            disconnect();
        } finally {
            sending.unlock();
        }
    }

    private void transmit(List<Event> batch) {
        // One retry on a fresh connection: the kept one may have been closed by the server meanwhile.
        for (int attempt = 1; !closed && attempt <= 2; attempt++) {
            try {
                sendBatch(batch);
                return;
            } catch (SQLException | RuntimeException e) {
                disconnect();
                if (attempt == 2) {
                    log.warn("event bus could not send {} event(s) ({}); only this node's subscribers get them",
                            batch.size(), e.getMessage());
                }
            }
        }
        unsent.accept(batch);
    }

    private void sendBatch(List<Event> batch) throws SQLException {
        if (connection == null) {
            Connection c = db.openDedicatedConnection();
            try {
                c.setClientInfo("ApplicationName", APPLICATION_NAME);
                try (Statement s = c.createStatement()) {
                    // The transaction carries only notifications: a crash can lose nothing but them.
                    s.execute("SET synchronous_commit = off");
                }
                c.setAutoCommit(false);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        String[] payloads = batch.stream().map(Event::encode).toArray(String[]::new);
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify(?, p) FROM unnest(?) AS p")) {
            Array array = connection.createArrayOf("text", payloads);
            ps.setString(1, pgChannel);
            ps.setArray(2, array);
            ps.executeQuery().close();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is being discarded anyway
            }
            throw e;
        }
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the sending connection: {}", e.getMessage());
            }
            connection = null;
        }
    }
}
