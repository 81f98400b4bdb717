package dev.herald.voice.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import dev.herald.voice.core.call.Role;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.qualifier.RecordingConsent;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recording service over a real SQLite database. */
class RecordingServiceTest {
    static final List<TranscriptTurn> TURNS = List.of(
            new TranscriptTurn(Role.AGENT, "Hello, may I record this call?", 0, 2_000),
            new TranscriptTurn(Role.USER, "Sure.", 2_300, 2_800));
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private Database db;
    private MovableClock clock;
    private SecretBox secrets;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("herald.db"), 2, null);
        db.migrate();
        clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        secrets = new SecretBox(key, RANDOM);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private RecordingService service(SpeechRenderer renderer) {
        return new RecordingService(db, new Ids(clock, RANDOM), clock, RANDOM, secrets, renderer, Duration.ofMinutes(15));
    }

    private static SpeechRenderer absent() {
        return SpeechRenderer.at(Path.of("/nonexistent/espeak-ng"));
    }

    @Test
    void keptWav_isServedByItsSignedLink_untilItExpires() {
        RecordingService s = service(absent());
        byte[] wav = Tones.sine(8_000, 440, 1_000);
        Recording r = s.keep("ws1", "call_1", wav);
        assertThat(r.status()).isEqualTo(Recording.STORED);
        assertThat(r.durationMs()).isEqualTo(1_000);
        assertThat(r.sizeBytes()).isEqualTo(wav.length);
        assertThat(r.sha256()).isEqualTo(RecordingService.sha256(wav));
        // One recording per call: a second keep answers the first and changes nothing.
        assertThat(s.keep("ws1", "call_1", Tones.sine(8_000, 880, 300))).isEqualTo(r);

        RecordingLink link = s.link("ws1", "call_1");
        assertThat(link.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        Map<String, String> q = query(link.url());
        long expires = Long.parseLong(q.get("expires"));
        var granted = (AudioAccess.Granted) s.audio(r.id(), expires, q.get("signature"));
        assertThat(granted.audio()).isEqualTo(wav);

        // Tampering with the id, the expiry or the signature is refused; a genuine link expires.
        assertThat(s.audio(r.id(), expires + 3_600, q.get("signature"))).isInstanceOf(AudioAccess.BadSignature.class);
        assertThat(s.audio("rec_other", expires, q.get("signature"))).isInstanceOf(AudioAccess.BadSignature.class);
        String sig = q.get("signature");
        String flipped = (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1);
        assertThat(s.audio(r.id(), expires, flipped)).isInstanceOf(AudioAccess.BadSignature.class);
        assertThat(s.audio(r.id(), expires, "short")).isInstanceOf(AudioAccess.BadSignature.class);
        clock.advance(Duration.ofMinutes(15));
        assertThat(s.audio(r.id(), expires, q.get("signature"))).isInstanceOf(AudioAccess.Expired.class);
    }

    @Test
    void anotherNode_sharingTheDatabaseAndKey_checksTheSameLinks() {
        RecordingService first = service(absent());
        Recording r = first.keep("ws1", "call_2", Tones.sine(8_000, 300, 200));
        Map<String, String> q = query(first.link("ws1", "call_2").url());
        RecordingService second = service(absent());
        assertThat(second.audio(r.id(), Long.parseLong(q.get("expires")), q.get("signature")))
                .isInstanceOf(AudioAccess.Granted.class);
    }

    @Test
    void withoutConsent_orWithoutRenderer_theRowSaysWhy_andTheCallLinkIsNull() {
        RecordingService s = service(absent());
        assertThat(s.record("ws1", "call_d", TURNS, RecordingConsent.DECLINED).reason()).isEqualTo(Recording.DECLINED);
        assertThat(s.record("ws1", "call_n", TURNS, RecordingConsent.NOT_ASKED).reason()).isEqualTo(Recording.NOT_ASKED);
        Recording none = s.record("ws1", "call_g", TURNS, RecordingConsent.GRANTED);
        assertThat(none.status()).isEqualTo(Recording.NOT_RECORDED);
        assertThat(none.reason()).isEqualTo("recording_unavailable: espeak-ng is not installed");
        RecordingLink link = s.link("ws1", "call_g");
        assertThat(link.url()).isNull();
        assertThat(link.reason()).isEqualTo("recording_unavailable: espeak-ng is not installed");
        assertThat(s.link("ws1", "call_unknown").reason()).isEqualTo(Recording.NO_RECORDING);
        // Idempotent per call: the second attempt answers the first row.
        assertThat(s.record("ws1", "call_g", TURNS, RecordingConsent.GRANTED).id()).isEqualTo(none.id());
    }

    @Test
    void anExpectedRecording_saysItIsBeingRendered_untilItsRowIsFilled_keepingItsId() {
        RecordingService s = service(absent());
        Recording pending = s.expect("ws1", "call_p");
        assertThat(pending.status()).isEqualTo(Recording.RENDERING);
        assertThat(s.expect("ws1", "call_p").id()).isEqualTo(pending.id());
        assertThat(s.link("ws1", "call_p").reason()).isEqualTo(Recording.BEING_RENDERED);
        assertThat(s.link("ws1", "call_p").recordingId()).isEqualTo(pending.id());
        assertThat(s.view("ws1", pending.id()).url()).isNull();

        Recording done = s.record("ws1", "call_p", TURNS, RecordingConsent.GRANTED);
        assertThat(done.id()).isEqualTo(pending.id());
        assertThat(done.status()).isEqualTo(Recording.NOT_RECORDED);
        assertThat(done.reason()).isEqualTo(Recording.NO_RENDERER);
        // A provider's audio fills a rendering row the same way; a finished row is never replaced.
        s.expect("ws1", "call_q");
        Recording kept = s.keep("ws1", "call_q", Tones.sine(8_000, 440, 300));
        assertThat(kept.status()).isEqualTo(Recording.STORED);
        assertThat(kept.id()).isEqualTo(s.link("ws1", "call_q").recordingId());
        assertThat(s.link("ws1", "call_q").url()).isNotNull();
        assertThat(s.record("ws1", "call_q", TURNS, RecordingConsent.GRANTED)).isEqualTo(kept);
        assertThat(s.renderingBefore(clock.instant().plusSeconds(1), 10)).isEmpty();
    }

    @Test
    void withEspeakAndConsent_theCallIsRecordedAsRealSpeech() {
        SpeechRenderer espeak = SpeechRenderer.espeakNg();
        assumeTrue(espeak.available(), "espeak-ng is not installed on this machine; rendering is not tested here");
        RecordingService s = service(espeak);
        Recording r = s.record("ws1", "call_e", TURNS, RecordingConsent.GRANTED);
        assertThat(r.status()).isEqualTo(Recording.STORED);
        assertThat(r.durationMs()).isGreaterThan(1_000);
        Map<String, String> q = query(s.link("ws1", "call_e").url());
        byte[] audio = ((AudioAccess.Granted) s.audio(r.id(), Long.parseLong(q.get("expires")), q.get("signature"))).audio();
        assertThat(Wav.parse(audio).durationMs()).isEqualTo(r.durationMs());
        assertThat(RecordingService.sha256(audio)).isEqualTo(r.sha256());
    }

    @Test
    void recordings_areScopedToTheirWorkspace() {
        RecordingService s = service(absent());
        Recording r = s.keep("ws1", "call_3", Tones.sine(8_000, 440, 100));
        assertThat(s.get("ws1", r.id()).callId()).isEqualTo("call_3");
        assertThatThrownBy(() -> s.get("ws2", r.id())).isInstanceOf(NotFound.class);
        assertThat(s.link("ws2", "call_3").url()).isNull();
    }

    @Test
    void notWav_isInvalidNamingTheAudio() {
        RecordingService s = service(absent());
        assertThatThrownBy(() -> s.keep("ws1", "call_4", "not audio".getBytes()))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("audio"));
    }

    @Test
    void deletingAudio_keepsTheRowWithHashAndReason_andTheLinkSaysGone() {
        RecordingService s = service(absent());
        Recording old = s.keep("ws1", "call_old", Tones.sine(8_000, 440, 100));
        Map<String, String> q = query(s.link("ws1", "call_old").url());
        clock.advance(Duration.ofDays(10));
        Recording fresh = s.keep("ws1", "call_new", Tones.sine(8_000, 440, 100));
        Recording otherWs = s.keep("ws2", "call_x", Tones.sine(8_000, 440, 100));
        List<String> deleted = s.deleteAudioBefore("ws1", clock.instant().minus(Duration.ofDays(5)), "retention: 5 days");
        assertThat(deleted).containsExactly(old.id());
        Recording after = s.get("ws1", old.id());
        assertThat(after.status()).isEqualTo(Recording.DELETED);
        assertThat(after.sha256()).isEqualTo(old.sha256());
        assertThat(after.deletedReason()).isEqualTo("retention: 5 days");
        assertThat(after.deletedAt()).isEqualTo(clock.instant());
        assertThat(s.get("ws1", fresh.id()).status()).isEqualTo(Recording.STORED);
        assertThat(s.get("ws2", otherWs.id()).status()).isEqualTo(Recording.STORED);
        assertThat(s.link("ws1", "call_old").reason()).isEqualTo("deleted: retention: 5 days");
        assertThat(s.view("ws1", old.id()).url()).isNull();
        // Even a link made before the deletion (and still unexpired) finds no audio now.
        clock.set(Instant.parse("2026-03-01T10:01:00Z"));
        assertThat(s.audio(old.id(), Long.parseLong(q.get("expires")), q.get("signature"))).isInstanceOf(AudioAccess.Gone.class);
        int withAudio = db.read(h -> h.createQuery("SELECT COUNT(*) FROM voice_recordings WHERE audio_key IS NOT NULL")
                .mapTo(Integer.class).one());
        assertThat(withAudio).isEqualTo(2);
        assertThat(partKeys()).hasSize(2);
        // Running it again deletes nothing more.
        assertThat(s.deleteAudioBefore("ws1", clock.instant(), "again")).isEmpty();
    }

    @Test
    void audio_isKeptInPartsOfAtMost64KiB_andServedWhole() {
        RecordingService s = service(absent());
        byte[] wav = Tones.sine(8_000, 440, 10_000);
        Recording r = s.keep("ws1", "call_parts", wav);

        List<Integer> sizes = db.read(h -> h.createQuery("SELECT LENGTH(c.bytes) FROM voice_recording_chunks c "
                        + "JOIN voice_recordings r ON r.audio_key = c.audio_key WHERE r.id = :id ORDER BY c.part")
                .bind("id", r.id()).mapTo(Integer.class).list());
        assertThat(sizes).hasSize((wav.length + RecordingStore.PART_BYTES - 1) / RecordingStore.PART_BYTES)
                .allMatch(n -> n <= RecordingStore.PART_BYTES);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(wav.length);
        Map<String, String> q = query(s.link("ws1", "call_parts").url());
        var granted = (AudioAccess.Granted) s.audio(r.id(), Long.parseLong(q.get("expires")), q.get("signature"));
        assertThat(granted.audio()).isEqualTo(wav);
        assertThat(RecordingService.sha256(granted.audio())).isEqualTo(r.sha256());
    }

    @Test
    void aSecondRecordingOfOneCall_leavesNoPartsBehind() {
        RecordingService one = service(absent());
        RecordingService other = service(absent());
        Recording first = one.keep("ws1", "call_twice", Tones.sine(8_000, 440, 6_000));

        assertThat(other.keep("ws1", "call_twice", Tones.sine(8_000, 880, 6_000))).isEqualTo(first);
        assertThat(partKeys()).hasSize(1);
    }

    @Test
    void partsNoRecordingNames_areDroppedOnceOld_andNamedOnesStay() {
        RecordingService s = service(absent());
        Recording kept = s.keep("ws1", "call_named", Tones.sine(8_000, 440, 1_000));
        // A node that stopped between writing its parts and its row left these.
        insertPart("aud_left_old", 0, clock.instant().minus(Duration.ofMinutes(11)));
        insertPart("aud_left_old", 1, clock.instant().minus(Duration.ofMinutes(11)));
        insertPart("aud_left_now", 0, clock.instant());

        assertThat(s.dropUnnamedAudio(clock.instant().minus(RecordingRenders.STALE), 100)).isEqualTo(1);

        assertThat(partKeys()).hasSize(2).doesNotContain("aud_left_old").contains("aud_left_now");
        Map<String, String> q = query(s.link("ws1", "call_named").url());
        assertThat(s.audio(kept.id(), Long.parseLong(q.get("expires")), q.get("signature")))
                .isInstanceOf(AudioAccess.Granted.class);
    }

    @Test
    void aRecordingKeptBeforeParts_isServedFromItsOwnRow() {
        RecordingService s = service(absent());
        byte[] wav = Tones.sine(8_000, 300, 500);
        db.write(h -> h.createUpdate("INSERT INTO voice_recordings (id, workspace_id, call_id, status, content_type, "
                        + "bytes, size, duration_ms, sha256, created_at) VALUES ('rec_old', 'ws1', 'call_old', 'stored', "
                        + "'audio/wav', :b, :n, 500, :sha, :at)")
                .bind("b", wav).bind("n", wav.length).bind("sha", RecordingService.sha256(wav))
                .bind("at", clock.millis()).execute());

        Map<String, String> q = query(s.link("ws1", "call_old").url());
        var granted = (AudioAccess.Granted) s.audio("rec_old", Long.parseLong(q.get("expires")), q.get("signature"));
        assertThat(granted.audio()).isEqualTo(wav);
    }

    private List<String> partKeys() {
        return db.read(h -> h.createQuery("SELECT DISTINCT audio_key FROM voice_recording_chunks").mapTo(String.class)
                .list());
    }

    private void insertPart(String audioKey, int part, Instant at) {
        db.write(h -> h.createUpdate("INSERT INTO voice_recording_chunks (audio_key, part, bytes, created_at) "
                        + "VALUES (:k, :p, :b, :at)")
                .bind("k", audioKey).bind("p", part).bind("b", new byte[] {1, 2, 3}).bind("at", at.toEpochMilli())
                .execute());
    }

    static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], kv[1]);
        }
        return out;
    }

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
