package dev.herald.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives one session from many threads at once (optionally spread over several nodes): each thread
 * sends batches of real Ed25519-signed atoms and turns, alternately, and records every answer the
 * server acknowledged. {@link #assertLinearChain} then checks those answers against the session's
 * attestation artifact: one chain, each acknowledged entry at the sequence it was answered with
 * and with the hash it was answered with, nothing else in between.
 */
public final class ChainLoad {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final AtomicLong NANOS = new AtomicLong(1_780_513_200_000_000_000L);

    /** One acknowledged chain entry: an accepted atom (key) or a decided turn (turn index). */
    public record Ack(String kind, String key, long sequence, String eventHash) {
    }

    private final List<Http> nodes;
    private final String apiKey;
    private final String sessionId;
    private final GuideSidecar sidecar;
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    /** Makes this load's batch and atom keys unique, so several loads can share a session. */
    private final String prefix = java.util.UUID.randomUUID().toString().substring(0, 8);

    public ChainLoad(List<Http> nodes, String apiKey, String sessionId, GuideSidecar sidecar) {
        this.nodes = List.copyOf(nodes);
        this.apiKey = apiKey;
        this.sessionId = sessionId;
        this.sidecar = sidecar;
    }

    /** Asks running threads to stop after their current request. */
    public void stop() {
        stop.set(true);
    }

    public List<Ack> acks() {
        return List.copyOf(acks);
    }

    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /**
     * Runs {@code threads} threads, each doing {@code rounds} rounds of one batch of
     * {@code atomsPerBatch} atoms then one turn; thread {@code i} uses node {@code i % nodes}.
     * With {@code tolerateErrors} a transport failure ends that thread quietly (a node was killed);
     * otherwise any failure is recorded and fails {@link #run}'s caller through {@link #failures()}.
     *
     * @return when every thread has finished or {@code limit} passed
     */
    public void run(int threads, int rounds, int atomsPerBatch, Duration limit, boolean tolerateErrors)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Http http = nodes.get(t % nodes.size());
            Thread.ofPlatform().name("chain-load-" + t).start(() -> {
                try {
                    go.await();
                    for (int round = 0; round < rounds && !stop.get(); round++) {
                        String tag = prefix + "-t" + thread + "-r" + round;
                        batch(http, tag, atomsPerBatch);
                        if (stop.get()) {
                            break;
                        }
                        turn(http, tag);
                    }
                } catch (RuntimeException | InterruptedException e) {
                    if (!tolerateErrors) {
                        failures.add(e);
                    }
                } catch (AssertionError e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        go.countDown();
        if (!done.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            stop();
            done.await(30, TimeUnit.SECONDS);
            failures.add(new AssertionError("load did not finish within " + limit));
        }
    }

    private void batch(Http http, String tag, int atoms) throws InterruptedException {
        ObjectNode body = JSON.objectNode();
        body.put("batch_idempotency_key", "batch-" + tag);
        ArrayNode events = body.putArray("events");
        for (int i = 0; i < atoms; i++) {
            ObjectNode atom = events.addObject();
            atom.put("atom_type", i % 2 == 0 ? "audio_chunk" : "transcript_span");
            atom.put("idempotency_key", "atom-" + tag + "-" + i);
            atom.put("captured_at_ns", NANOS.addAndGet(20_000_000));
            atom.put("direction", i % 4 < 2 ? "inbound" : "outbound");
            ObjectNode payload = atom.putObject("payload");
            if (i % 2 == 0) {
                payload.put("content_hash", "sha256:" + String.format("%064x", (long) tag.hashCode() * 1000 + i))
                        .put("format", "pcm16").put("duration_ms", 20);
            } else {
                payload.put("text", "span " + tag + " " + i).put("language", "en");
            }
            sidecar.sign(sessionId, atom, "2026-11-22T00:00:00Z");
        }
        Http.Response r = http.post("/v1/voice/sessions/" + sessionId + "/events", apiKey, body.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode result : r.json().path("results")) {
            assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("accepted");
            acks.add(new Ack("atom", result.path("idempotency_key").asText(), result.path("sequence").asLong(),
                    result.path("event_hash").asText()));
        }
    }

    private void turn(Http http, String tag) {
        String body = "{\"input_tokens\":10,\"output_tokens\":5,\"risk_budget_used_micros\":1,"
                + "\"metadata\":{\"provider_response_id\":\"resp-" + tag + "\"}}";
        Http.Response r = http.post("/v1/sessions/" + sessionId + "/turns", apiKey, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode turn = r.json();
        assertThat(turn.path("decision").asText()).as(r.body()).isEqualTo("allow");
        acks.add(new Ack("turn", String.valueOf(turn.path("turn_index").asLong()), turn.path("sequence").asLong(),
                turn.path("event_hash").asText()));
    }

    /**
     * Every acknowledged entry sits in the artifact's chain at its answered sequence with its
     * answered hash; sequences are 1..n without gap; the chain holds exactly the start, the
     * acknowledged entries (plus {@code unacknowledged} entries that committed without their answer
     * arriving, for crash tests) and the end; turn indexes are 1..turns without gap.
     */
    public static void assertLinearChain(JsonNode artifact, List<Ack> acks, int unacknowledgedAtMost) {
        JsonNode chain = artifact.path("chain");
        Map<Long, JsonNode> bySequence = new HashMap<>();
        long expected = 1;
        for (JsonNode entry : chain) {
            long seq = entry.path("artifact_sequence").asLong();
            assertThat(seq).as("artifact_sequence without gap").isEqualTo(expected++);
            assertThat(entry.path("sequence").asLong()).isEqualTo(seq);
            bySequence.put(seq, entry);
        }
        assertThat(chain.get(0).path("event_type").asText()).isEqualTo("voice.session.started");
        assertThat(chain.get(chain.size() - 1).path("event_type").asText()).isIn("voice.session.ended", "voice.session.failed");
        Set<Long> answered = new HashSet<>();
        Set<Long> turnIndexes = new HashSet<>();
        for (Ack ack : acks) {
            assertThat(answered.add(ack.sequence())).as("sequence " + ack.sequence() + " answered twice").isTrue();
            JsonNode entry = bySequence.get(ack.sequence());
            assertThat(entry).as("chain entry at answered sequence " + ack.sequence()).isNotNull();
            assertThat(entry.path("content_hash").asText()).as("hash at " + ack.sequence()).isEqualTo(ack.eventHash());
            if (ack.kind().equals("atom")) {
                assertThat(entry.path("atom_idempotency_key").asText()).isEqualTo(ack.key());
                assertThat(entry.path("signature_status").asText()).isEqualTo("verified");
            } else {
                assertThat(entry.path("event_type").asText()).isEqualTo("voice.turn.decided");
                assertThat(entry.path("turn_index").asText()).isEqualTo(ack.key());
                turnIndexes.add(Long.parseLong(ack.key()));
            }
        }
        int between = chain.size() - 2 - acks.size();
        assertThat(between).as("entries committed without an acknowledgement").isBetween(0, unacknowledgedAtMost);
        List<Long> sortedTurns = new ArrayList<>(turnIndexes);
        sortedTurns.sort(null);
        long turnEntries = 0;
        for (JsonNode entry : chain) {
            if (entry.path("event_type").asText().equals("voice.turn.decided")) {
                turnEntries++;
            }
        }
        for (int i = 0; i < sortedTurns.size() && unacknowledgedAtMost == 0; i++) {
            assertThat(sortedTurns.get(i)).as("turn indexes without gap").isEqualTo(i + 1L);
        }
        assertThat(turnEntries).isGreaterThanOrEqualTo(sortedTurns.size());
    }
}
