package dev.herald.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platform.store.Database;
import dev.herald.server.testing.StoreExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The event bus over a real database: delivery after commit only, fan-out per channel, slow
 * subscribers dropped without ever holding a publisher. Each test uses channels of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventBusContract {
    /** How long a committed event may take to arrive (generous for a loaded machine; typically a few ms). */
    static final Duration DELIVERY = Duration.ofSeconds(2);
    /** How long to watch for an event that must not come. */
    static final Duration SILENCE = Duration.ofMillis(400);

    Database db;
    EventBus bus;

    abstract StoreExtension store();

    @BeforeAll
    void open() {
        db = Database.open(store().databaseUrl(), 4, null);
        db.migrate();
        bus = EventBus.on(db);
        bus.start();
    }

    @AfterAll
    void close() {
        bus.stop();
        db.close();
    }

    static String channel() {
        return "test." + UUID.randomUUID().toString().substring(0, 8);
    }

    void publish(String channel, String message) {
        db.write(h -> {
            bus.publish(h, channel, message);
            return null;
        });
    }

    @Test
    void aCommittedEventReachesEverySubscriberOfItsChannelAndNoOther() throws InterruptedException {
        String channel = channel();
        EventRecorder first = new EventRecorder();
        EventRecorder second = new EventRecorder();
        EventRecorder elsewhere = new EventRecorder();
        try (Subscription a = bus.subscribe(channel, first);
             Subscription b = bus.subscribe(channel, second);
             Subscription c = bus.subscribe(channel(), elsewhere)) {
            publish(channel, "row-1");
            assertThat(first.messages(1, DELIVERY)).containsExactly("row-1");
            assertThat(second.messages(1, DELIVERY)).containsExactly("row-1");
            assertThat(elsewhere.next(SILENCE)).isNull();
        }
    }

    @Test
    void eventsArriveInPublicationOrder() throws InterruptedException {
        String channel = channel();
        EventRecorder recorder = new EventRecorder();
        try (Subscription s = bus.subscribe(channel, recorder)) {
            List<String> sent = IntStream.range(0, 40).mapToObj(i -> "m" + i).toList();
            sent.forEach(m -> publish(channel, m));
            assertThat(recorder.messages(sent.size(), DELIVERY.multipliedBy(3))).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void anEventIsDeliveredOnlyOnceItsTransactionCommits() throws Exception {
        String channel = channel();
        EventRecorder recorder = new EventRecorder();
        CountDownLatch published = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        try (Subscription s = bus.subscribe(channel, recorder)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> db.write(h -> {
                bus.publish(h, channel, "after-commit");
                published.countDown();
                await(mayCommit);
                return null;
            }));
            assertThat(published.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(recorder.next(SILENCE)).as("nothing before the commit").isNull();
            mayCommit.countDown();
            writer.get(5, TimeUnit.SECONDS);
            assertThat(recorder.messages(1, DELIVERY)).containsExactly("after-commit");
        }
    }

    @Test
    void aRolledBackPublishIsNeverDelivered() throws InterruptedException {
        String channel = channel();
        EventRecorder recorder = new EventRecorder();
        try (Subscription s = bus.subscribe(channel, recorder)) {
            assertThatThrownBy(() -> db.write(h -> {
                bus.publish(h, channel, "rolled-back");
                throw new IllegalStateException("the change fails after it published");
            })).isInstanceOf(IllegalStateException.class);
            publish(channel, "committed");
            // Events arrive in order, so a delivered rollback would come first.
            assertThat(recorder.messages(1, DELIVERY)).containsExactly("committed");
            assertThat(recorder.next(SILENCE)).isNull();
        }
    }

    @Test
    void aHandleOutsideATransactionPublishesAtOnce() throws InterruptedException {
        String channel = channel();
        EventRecorder recorder = new EventRecorder();
        try (Subscription s = bus.subscribe(channel, recorder)) {
            db.read(h -> {
                bus.publish(h, channel, "now");
                return null;
            });
            assertThat(recorder.messages(1, DELIVERY)).containsExactly("now");
        }
    }

    @Test
    void aSlowSubscriberIsDroppedAndToldWhileThePublisherNeverWaitsForIt() throws Exception {
        String channel = channel();
        CountDownLatch stuck = new CountDownLatch(1);
        EventRecorder slow = new EventRecorder() {
            @Override
            public void onEvent(Event event) {
                await(stuck);
            }
        };
        EventRecorder healthy = new EventRecorder();
        int n = 60;
        try (Subscription slowOne = bus.subscribe(channel, 4, slow);
             Subscription healthyOne = bus.subscribe(channel, n, healthy)) {
            // Every publish must return while the slow subscriber is stuck for good.
            CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < n; i++) {
                    publish(channel, "e" + i);
                }
            });
            publisher.get(30, TimeUnit.SECONDS);
            assertThat(slow.droppedLatch.await(DELIVERY.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(slow.dropped.get()).isEqualTo(DropReason.SLOW);
            assertThat(slowOne.isActive()).isFalse();
            assertThat(healthy.messages(n, DELIVERY.multipliedBy(3)))
                    .containsExactlyElementsOf(IntStream.range(0, n).mapToObj(i -> "e" + i).toList());
            assertThat(healthyOne.isActive()).isTrue();
        } finally {
            stuck.countDown();
        }
    }

    @Test
    void aWakeUpSubscriberIsNeverDroppedAndIsCalledAgainAfterTheLastEvent() throws Exception {
        String channel = channel();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch firstCall = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        EventRecorder waker = new EventRecorder() {
            @Override
            public void onEvent(Event event) {
                calls.incrementAndGet();
                firstCall.countDown();
                await(stuck);
            }
        };
        try (Subscription s = bus.subscribeWakeUps(channel, waker)) {
            publish(channel, "first");
            assertThat(firstCall.await(DELIVERY.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            for (int i = 0; i < 50; i++) {
                publish(channel, "more" + i);
            }
            Thread.sleep(SILENCE.toMillis());
            assertThat(s.isActive()).isTrue();
            stuck.countDown();
            // The 50 merged into one wake-up, called after every one of them was published.
            long deadline = System.nanoTime() + DELIVERY.toNanos();
            while (calls.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(SILENCE.toMillis());
            assertThat(calls.get()).isEqualTo(2);
            assertThat(waker.dropped.get()).isNull();
        } finally {
            stuck.countDown();
        }
    }

    @Test
    void aClosedSubscriptionHearsNothingMoreAndIsNotToldItWasDropped() throws InterruptedException {
        String channel = channel();
        EventRecorder recorder = new EventRecorder();
        Subscription s = bus.subscribe(channel, recorder);
        s.close();
        publish(channel, "late");
        assertThat(recorder.next(SILENCE)).isNull();
        assertThat(recorder.dropped.get()).isNull();
    }

    @Test
    void aStoppedBusDropsItsSubscribersAndRefusesNewOnes() throws InterruptedException {
        EventBus other = EventBus.on(db);
        other.start();
        EventRecorder before = new EventRecorder();
        other.subscribe(channel(), before);
        other.stop();
        assertThat(before.droppedLatch.await(DELIVERY.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(before.dropped.get()).isEqualTo(DropReason.STOPPED);
        EventRecorder after = new EventRecorder();
        assertThat(other.subscribe(channel(), after).isActive()).isFalse();
        assertThat(after.droppedLatch.await(DELIVERY.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(after.dropped.get()).isEqualTo(DropReason.STOPPED);
    }

    @Test
    void channelsAndMessagesOutsideTheLimitsAreRefused() {
        db.read(h -> {
            assertThatThrownBy(() -> bus.publish(h, "Upper.Case", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> bus.publish(h, "has space", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> bus.publish(h, "ok", "x".repeat(Event.MAX_MESSAGE_BYTES + 1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> bus.publish(h, "ok", "nul\0")).isInstanceOf(IllegalArgumentException.class);
            return null;
        });
        assertThatThrownBy(() -> bus.subscribe("", new EventRecorder())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus.subscribe("ok", 0, new EventRecorder()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
