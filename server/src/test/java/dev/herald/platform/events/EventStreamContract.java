package dev.herald.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Access;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.store.Database;
import dev.herald.server.Herald;
import dev.herald.server.Services;
import dev.herald.server.testing.SseClient;
import dev.herald.server.testing.StoreExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link EventStreams} behind a test-only route on a real port, read by a raw SSE client. The
 * route's events live in a table of the test's own; appending one publishes its sequence number on
 * the stream's channel in the same transaction, and the route's backlog reads the rows after an id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventStreamContract {
    static final Duration HEARTBEAT = Duration.ofMillis(300);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);
    static final Duration PROMPTLY = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicLong seq = new AtomicLong();
    /** The streams of the route under test on the main node (short heartbeat and write timeout). */
    EventStreams streams;
    Herald herald;

    abstract StoreExtension store();

    /**
     * The test route: {@code /v1/test/streams/{stream}} with short timings, and
     * {@code /v1/test/default-streams/{stream}} with the server's own {@link Services#streams()}.
     */
    Function<Services, Feature> route(EventStreams[] made) {
        return s -> {
            EventStreams fast = new EventStreams(s.events(), HEARTBEAT, WRITE_TIMEOUT);
            made[0] = fast;
            return router -> {
                router.get("/v1/test/streams/{stream}", ctx -> fast.serve(ctx, channel(ctx.pathParam("stream")),
                        backlog(s.db(), ctx.pathParam("stream"))), Access.PUBLIC);
                router.get("/v1/test/final-streams/{stream}", ctx -> fast.serve(ctx, channel(ctx.pathParam("stream")),
                        backlog(s.db(), ctx.pathParam("stream")), e -> "final".equals(e.data())), Access.PUBLIC);
                router.get("/v1/test/default-streams/{stream}", ctx -> s.streams().serve(ctx,
                        channel(ctx.pathParam("stream")), backlog(s.db(), ctx.pathParam("stream"))), Access.PUBLIC);
            };
        };
    }

    Herald startNode() {
        EventStreams[] made = new EventStreams[1];
        Herald node = Herald.start(store().config(), List.of(route(made)));
        if (streams == null) {
            streams = made[0];
        }
        return node;
    }

    @BeforeAll
    void startServer() {
        herald = startNode();
        herald.services().db().write(h -> h.execute("""
                CREATE TABLE test_stream_events (seq BIGINT PRIMARY KEY, stream VARCHAR(64) NOT NULL,
                    type VARCHAR(32) NOT NULL, data TEXT NOT NULL, padding INTEGER NOT NULL)"""));
    }

    @AfterAll
    void stopServer() {
        herald.close();
    }

    static String channel(String stream) {
        return "test.stream." + stream;
    }

    static String stream() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Rows after {@code lastId}; a padded row's data is followed by that many characters. */
    static Backlog backlog(Database db, String stream) {
        return (lastId, limit) -> {
            long after;
            try {
                after = lastId == null ? 0 : Long.parseLong(lastId);
            } catch (NumberFormatException e) {
                throw new Invalid("Last-Event-ID", "is not an event id of this stream");
            }
            return db.read(h -> h.createQuery("""
                    SELECT seq, type, data, padding FROM test_stream_events WHERE stream = :s AND seq > :after
                    ORDER BY seq LIMIT :n""")
                    .bind("s", stream).bind("after", after).bind("n", limit)
                    .map((rs, c) -> new StreamEvent(Long.toString(rs.getLong("seq")), rs.getString("type"),
                            rs.getString("data") + "x".repeat(rs.getInt("padding"))))
                    .list());
        };
    }

    /** Appends an event on {@code node} and announces it in the same transaction; returns its id. */
    String append(Herald node, String stream, String data, int padding) {
        long id = seq.incrementAndGet();
        Services s = node.services();
        s.db().write(h -> {
            h.createUpdate("INSERT INTO test_stream_events (seq, stream, type, data, padding) "
                            + "VALUES (:seq, :s, 'note', :d, :p)")
                    .bind("seq", id).bind("s", stream).bind("d", data).bind("p", padding).execute();
            s.events().publish(h, channel(stream), Long.toString(id));
            return null;
        });
        return Long.toString(id);
    }

    String append(String stream, String data) {
        return append(herald, stream, data, 0);
    }

    SseClient open(String stream, String lastEventId) {
        return SseClient.open(herald.port(), "/v1/test/streams/" + stream, lastEventId);
    }

    @Test
    void aStreamSendsItsBacklogThenEachEventAsItCommits() throws IOException {
        String stream = stream();
        String first = append(stream, "before");
        try (SseClient client = open(stream, null)) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.header("Content-Type")).startsWith("text/event-stream");
            assertThat(client.header("Cache-Control")).isEqualTo("no-store");
            assertThat(client.nextEvent(PROMPTLY)).isEqualTo(new SseClient.Item(first, "note", "before", null));
            String second = append(stream, "two\nlines");
            assertThat(client.nextEvent(PROMPTLY)).isEqualTo(new SseClient.Item(second, "note", "two\nlines", null));
            append(stream(), "another stream");
            assertThat(client.nextEvent(HEARTBEAT.multipliedBy(2))).as("nothing from another stream").isNull();
        }
    }

    @Test
    void aClientResumesAfterItsLastEventIdWithoutGapsOrRepeats() throws IOException {
        String stream = stream();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(append(stream, "e" + i));
        }
        try (SseClient client = open(stream, null)) {
            for (String id : sent) {
                assertThat(client.nextEvent(PROMPTLY).id()).isEqualTo(id);
            }
        }
        // Disconnected after the 5th; three more are written meanwhile.
        List<String> missed = List.of(append(stream, "m1"), append(stream, "m2"), append(stream, "m3"));
        try (SseClient client = open(stream, sent.getLast())) {
            for (String id : missed) {
                assertThat(client.nextEvent(PROMPTLY).id()).isEqualTo(id);
            }
            String live = append(stream, "live");
            assertThat(client.nextEvent(PROMPTLY).id()).isEqualTo(live);
        }
    }

    @Test
    void aLongBacklogIsSentInPagesInOrder() throws IOException {
        String stream = stream();
        int n = EventStreams.PAGE * 2 + 7;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(append(stream, "p" + i));
        }
        try (SseClient client = open(stream, null)) {
            List<String> got = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                got.add(client.nextEvent(PROMPTLY).id());
            }
            assertThat(got).containsExactlyElementsOf(ids);
        }
    }

    @Test
    void aMalformedLastEventIdIs400AndOneTheRouteRefusesIsItsProblem() throws IOException {
        try (SseClient client = open(stream(), "9".repeat(StreamEvent.MAX_ID_LENGTH + 1))) {
            assertThat(client.status()).isEqualTo(400);
            assertThat(client.header("Content-Type")).startsWith("application/problem+json");
            assertThat(JSON.readTree(client.body()).path("detail").asText()).contains("Last-Event-ID");
        }
        try (SseClient client = open(stream(), "not-a-number")) {
            assertThat(client.status()).isEqualTo(422);
            assertThat(client.header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(client.body());
            assertThat(problem.path("type").asText()).isEqualTo("urn:herald:problem:validation");
            assertThat(problem.toString()).contains("Last-Event-ID");
        }
    }

    @Test
    void aStreamWithALastEventEndsRightAfterSendingIt_fromTheBacklogOrLive() throws IOException {
        String stream = stream();
        String before = append(stream, "before");
        try (SseClient client = SseClient.open(herald.port(), "/v1/test/final-streams/" + stream, null)) {
            assertThat(client.nextEvent(PROMPTLY).id()).isEqualTo(before);
            String fin = append(stream, "final");
            append(stream, "after the end");
            assertThat(client.nextEvent(PROMPTLY)).isEqualTo(new SseClient.Item(fin, "note", "final", null));
            assertThat(client.completesWithin(PROMPTLY)).isTrue();
        }
        // Read from the backlog: the last event ends the stream there too, and nothing after it is sent.
        try (SseClient client = SseClient.open(herald.port(), "/v1/test/final-streams/" + stream, before)) {
            assertThat(client.nextEvent(PROMPTLY).data()).isEqualTo("final");
            assertThat(client.completesWithin(PROMPTLY)).isTrue();
        }
    }

    @Test
    void anIdleStreamSendsHeartbeatComments() throws IOException {
        try (SseClient client = open(stream(), null)) {
            assertThat(client.next(PROMPTLY).comment()).isEqualTo("stream open");
            long t0 = System.nanoTime();
            SseClient.Item beat = client.next(PROMPTLY);
            assertThat(beat.comment()).isEqualTo("heartbeat");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(HEARTBEAT.minusMillis(50));
            assertThat(client.next(PROMPTLY).comment()).isEqualTo("heartbeat");
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileOthersAndPublishersCarryOn() throws Exception {
        String stream = stream();
        int n = 300;
        int padding = 32 * 1024;
        try (SseClient reader = open(stream, null);
             SseClient stalled = SseClient.open(herald.port(), "/v1/test/streams/" + stream, null, 4096)) {
            assertThat(stalled.status()).isEqualTo(200);
            awaitOpenStreams(2);
            // About 10 MB: far more than the socket buffers between the server and the stalled client.
            CompletableFuture<List<String>> publisher = CompletableFuture.supplyAsync(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ids.add(append(herald, stream, "big" + i, padding));
                }
                return ids;
            });
            List<String> got = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SseClient.Item e = reader.nextEvent(Duration.ofSeconds(10));
                assertThat(e).as("event %d of the reading client", i).isNotNull();
                assertThat(e.data()).hasSize(("big" + i).length() + padding);
                got.add(e.id());
            }
            assertThat(got).containsExactlyElementsOf(publisher.get(30, TimeUnit.SECONDS));
            // The stalled client is cut off: only the reader's stream stays open, and the stalled
            // socket, once drained, ends.
            awaitOpenStreams(1);
            assertThat(stalled.endsWithin(Duration.ofSeconds(10))).isTrue();
            String after = append(stream, "still-serving");
            assertThat(reader.nextEvent(PROMPTLY).id()).isEqualTo(after);
        }
    }

    void awaitOpenStreams(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (streams.openCount() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(streams.openCount()).isEqualTo(expected);
    }

    @Test
    void closingTheServerEndsOpenStreamsInsteadOfWaitingOutTheGrace() throws IOException {
        Herald node = startNode();
        try (SseClient client = SseClient.open(node.port(), "/v1/test/default-streams/" + stream(), null)) {
            assertThat(client.next(PROMPTLY).comment()).isEqualTo("stream open");
            long t0 = System.nanoTime();
            node.close();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(store().config().shutdownGrace());
            assertThat(client.endsWithin(PROMPTLY)).isTrue();
        } finally {
            node.close();
        }
    }
}
