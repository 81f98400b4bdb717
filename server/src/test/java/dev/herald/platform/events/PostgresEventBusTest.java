package dev.herald.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platform.store.Database;
import dev.herald.server.testing.StoreExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The LISTEN/NOTIFY bus, plus what only a shared PostgreSQL has: other nodes and a lost connection. */
class PostgresEventBusTest extends EventBusContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    StoreExtension store() {
        return STORE;
    }

    @Test
    void anEventPublishedOnOneNodeReachesTheOtherNodeWithinASecond() throws InterruptedException {
        try (Database otherDb = Database.open(STORE.databaseUrl(), 2, null)) {
            EventBus otherNode = EventBus.on(otherDb);
            otherNode.start();
            try {
                String channel = channel();
                EventRecorder there = new EventRecorder();
                EventRecorder here = new EventRecorder();
                otherNode.subscribe(channel, there);
                bus.subscribe(channel, here);
                long t0 = System.nanoTime();
                publish(channel, "from-a");
                assertThat(there.messages(1, Duration.ofSeconds(1))).containsExactly("from-a");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
                // The publishing node hears its own events through the same path.
                assertThat(here.messages(1, DELIVERY)).containsExactly("from-a");
            } finally {
                otherNode.stop();
            }
        }
    }

    @Test
    void aLostListeningConnectionIsReopenedAndSubscribersAreToldOfTheGap() throws InterruptedException {
        String channel = channel();
        EventRecorder recorder = new EventRecorder();
        try (Subscription s = bus.subscribe(channel, recorder)) {
            int killed = db.read(h -> h.createQuery("""
                    SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE application_name = :app AND datname = current_database()""")
                    .bind("app", PostgresEventBus.APPLICATION_NAME).mapTo(Integer.class).one());
            assertThat(killed).isPositive();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (recorder.gaps.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(recorder.gaps.get()).as("told of the gap once listening again").isEqualTo(1);
            publish(channel, "after-reconnect");
            assertThat(recorder.messages(1, DELIVERY)).containsExactly("after-reconnect");
            assertThat(s.isActive()).isTrue();
        }
    }

    @Test
    void notificationsLeaveFromTheBusConnection_soThePublishingTransactionCommitsWithoutPostgresNotifyLock() throws Exception {
        String channel = channel();
        try (Connection listener = db.openDedicatedConnection()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + PostgresEventBus.PG_CHANNEL);
            }
            int publisherPid = db.write(h -> {
                bus.publish(h, channel, "m");
                return h.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
            });
            PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(5_000);
            assertThat(got).isNotNull().hasSize(1);
            int senderPid = db.read(h -> h.createQuery(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = :app AND datname = current_database()")
                    .bind("app", NotifySender.APPLICATION_NAME).mapTo(Integer.class).one());
            assertThat(got[0].getPID()).isEqualTo(senderPid).isNotEqualTo(publisherPid);
        }
    }

    @Test
    void aLostSendingConnectionIsReopened_andNoEventIsLost() throws InterruptedException {
        String channel = channel();
        EventRecorder recorder = new EventRecorder();
        try (Subscription s = bus.subscribe(channel, recorder)) {
            publish(channel, "before");
            assertThat(recorder.messages(1, DELIVERY)).containsExactly("before");
            int killed = db.read(h -> h.createQuery("""
                    SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE application_name = :app AND datname = current_database()""")
                    .bind("app", NotifySender.APPLICATION_NAME).mapTo(Integer.class).one());
            assertThat(killed).isEqualTo(1);
            publish(channel, "after");
            assertThat(recorder.messages(1, DELIVERY)).containsExactly("after");
            assertThat(recorder.gaps.get()).isZero();
        }
    }

    @Test
    void manyPublishersAtOnce_eachEventArrivesOnce() throws Exception {
        String channel = channel();
        EventRecorder recorder = new EventRecorder();
        try (Subscription s = bus.subscribe(channel, 4_096, recorder);
             var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 400; i++) {
                String message = "m" + i;
                pool.submit(() -> publish(channel, message));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(recorder.messages(400, Duration.ofSeconds(10))).doesNotHaveDuplicates().hasSize(400);
        }
    }
}
