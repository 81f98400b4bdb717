package dev.herald.platform.events;

import dev.herald.platform.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus over PostgreSQL's {@code LISTEN/NOTIFY}. Publishing in a transaction hands the event to
 * the {@link NotifySender} once that transaction commits (never if it rolls back), which sends it
 * from a connection of its own before the commit returns to the publisher. Receiving uses one connection per node opened outside the pool (a pooled connection
 * would hold a slot forever and be recycled under the listener), listening on one PostgreSQL
 * channel, {@value #PG_CHANNEL}; the event's own channel travels in the payload and subscribers are
 * matched here. The listening loop reconnects with backoff when the connection is lost, then tells
 * every subscriber {@link Subscriber#onGap}; a connection silent for {@link #PING_INTERVAL} is
 * checked with a query, so a dead peer is noticed even without a TCP reset. Thread-safe.
 */
final class PostgresEventBus implements EventBus {
    static final String PG_CHANNEL = "herald_events";
    /** How the listening connection shows in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "herald-events";
    /** How long {@link #start} waits for the first {@code LISTEN} before carrying on without it. */
    static final Duration START_WAIT = Duration.ofSeconds(5);
    static final Duration PING_INTERVAL = Duration.ofSeconds(10);
    /** Longest wait for notifications in one call, so the loop notices {@link #stop} and pings. */
    private static final int RECEIVE_MILLIS = 500;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(PostgresEventBus.class);

    private final Database db;
    private final Subscriptions subscriptions = new Subscriptions();
    private final NotifySender sender;
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Connection connection;
    private Thread loop;

    PostgresEventBus(Database db) {
        this.db = db;
        this.sender = new NotifySender(db, PG_CHANNEL, unsent -> unsent.forEach(subscriptions::deliver));
    }

    @Override
    public String name() {
        return "event-bus";
    }

    @Override
    public void publish(Handle h, String channel, String message) {
        Event event = new Event(channel, message);
        if (h.isInTransaction()) {
            h.afterCommit(() -> sender.send(event));
        } else {
            sender.send(event);
        }
    }

    @Override
    public Subscription subscribe(String channel, int capacity, Subscriber subscriber) {
        return subscriptions.add(channel, capacity, false, subscriber);
    }

    @Override
    public Subscription subscribeWakeUps(String channel, Subscriber subscriber) {
        return subscriptions.add(channel, 1, true, subscriber);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        sender.open();
        loop = Thread.ofVirtual().name("herald-events-listen").start(this::listen);
        try {
            if (!firstListen.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("event bus not listening after {}; it keeps trying in the background", START_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen() {
        Duration backoff = FIRST_BACKOFF;
        boolean reconnecting = false;
        while (running) {
            try (Connection c = db.openDedicatedConnection()) {
                connection = c;
                c.setClientInfo("ApplicationName", APPLICATION_NAME);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + PG_CHANNEL);
                }
                if (reconnecting) {
                    log.info("event bus listening again; subscribers re-read what they may have missed");
                    subscriptions.gap();
                }
                reconnecting = true;
                backoff = FIRST_BACKOFF;
                firstListen.countDown();
                receive(c);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn("event bus connection lost ({}); reconnecting in {} ms", e.getMessage(), backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                connection = null;
            }
        }
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastHeard = System.nanoTime();
        while (running) {
            PGNotification[] received = pg.getNotifications(RECEIVE_MILLIS);
            if (received != null && received.length > 0) {
                lastHeard = System.nanoTime();
                for (PGNotification n : received) {
                    deliver(n.getParameter());
                }
            } else if (System.nanoTime() - lastHeard > PING_INTERVAL.toNanos()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    private void deliver(String payload) {
        Event event;
        try {
            event = Event.decode(payload);
        } catch (IllegalArgumentException e) {
            // Someone else's NOTIFY on our channel: not ours to interpret.
            log.debug("ignored a notification that is not an event: {}", e.getMessage());
            return;
        }
        subscriptions.deliver(event);
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = loop;
        }
        Connection c = connection;
        if (c != null) {
            try {
                // Ends a receive in progress at once instead of after its timeout.
                c.close();
            } catch (SQLException e) {
                log.debug("closing the listening connection: {}", e.getMessage());
            }
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sender.close();
        subscriptions.stop();
    }
}
