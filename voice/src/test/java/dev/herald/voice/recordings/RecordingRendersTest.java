package dev.herald.voice.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import dev.herald.voice.core.call.TranscriptTurn;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background rendering over a real SQLite database: the rendering rows are the queue. */
class RecordingRendersTest {
    private static final List<TranscriptTurn> TURNS = RecordingServiceTest.TURNS;
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private Database db;
    private RecordingServiceTest.MovableClock clock;
    private final Map<String, List<TranscriptTurn>> stored = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private RecordingRenders renders;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("herald.db"), 2, null);
        db.migrate();
        clock = new RecordingServiceTest.MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @AfterEach
    void close() {
        if (renders != null) {
            renders.stop();
        }
        db.close();
    }

    private RecordingService service(SpeechRenderer renderer) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new RecordingService(db, new Ids(clock, RANDOM), clock, RANDOM, new SecretBox(key, RANDOM), renderer,
                Duration.ofMinutes(15));
    }

    private RecordingRenders renders(RecordingService s) {
        renders = new RecordingRenders(s, (ws, callId) -> {
            lookups.incrementAndGet();
            return Optional.ofNullable(stored.get(ws + "/" + callId));
        }, clock, 1, Duration.ofMinutes(10));
        renders.start();
        return renders;
    }

    @Test
    void aSubmittedRecording_isMadeInTheBackground_intoTheCallsRenderingRow() {
        SpeechRenderer espeak = SpeechRenderer.espeakNg();
        assumeTrue(espeak.available(), "espeak-ng is not installed on this machine; the absent case is tested below");
        RecordingService s = service(espeak);
        RecordingRenders r = renders(s);
        Recording pending = s.expect("ws1", "call_1");
        r.submit("ws1", "call_1", TURNS);
        Recording done = awaitFinished(s, "ws1", "call_1");
        assertThat(done.id()).isEqualTo(pending.id());
        assertThat(done.status()).isEqualTo(Recording.STORED);
        assertThat(done.durationMs()).isGreaterThan(1_000);
        assertThat(s.link("ws1", "call_1").url()).isNotNull();
        assertThat(lookups).hasValue(0);
    }

    @Test
    void withoutARenderer_theRowSaysWhy() {
        RecordingService s = service(SpeechRenderer.at(Path.of("/nonexistent/espeak-ng")));
        RecordingRenders r = renders(s);
        s.expect("ws1", "call_2");
        r.submit("ws1", "call_2", TURNS);
        assertThat(awaitFinished(s, "ws1", "call_2").reason()).isEqualTo(Recording.NO_RENDERER);
    }

    @Test
    void rowsLeftByANodeThatStopped_areMadeFromTheStoredWords_onceTheyAreStale() {
        RecordingService s = service(SpeechRenderer.at(Path.of("/nonexistent/espeak-ng")));
        RecordingRenders r = renders(s);
        s.expect("ws1", "call_left");
        s.expect("ws1", "call_purged");
        stored.put("ws1/call_left", TURNS);
        // Young rows may still be rendering on their own node: the sweep leaves them alone.
        r.sweep();
        assertThat(lookups).hasValue(0);
        assertThat(s.link("ws1", "call_left").reason()).isEqualTo(Recording.BEING_RENDERED);

        clock.advance(Duration.ofMinutes(11));
        r.sweep();
        assertThat(awaitFinished(s, "ws1", "call_left").reason()).isEqualTo(Recording.NO_RENDERER);
        assertThat(awaitFinished(s, "ws1", "call_purged").reason()).isEqualTo(Recording.WORDS_GONE);
        assertThat(s.renderingBefore(clock.instant(), 10)).isEmpty();
    }

    private static Recording awaitFinished(RecordingService s, String ws, String callId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Recording r = s.get(ws, s.link(ws, callId).recordingId());
            if (!Recording.RENDERING.equals(r.status())) {
                return r;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("call " + callId + "'s recording was still rendering after 30 s");
    }
}
