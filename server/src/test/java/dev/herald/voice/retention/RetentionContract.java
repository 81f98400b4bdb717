package dev.herald.voice.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.verify.CheckResult;
import dev.herald.evidence.verify.CheckStatus;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.recordings.Recording;
import dev.herald.voice.recordings.RecordingService;
import dev.herald.voice.recordings.SpeechRenderer;
import dev.herald.voice.recordings.Wav;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention on a real store: the policy over HTTP, sweeps that empty old recording audio and
 * purge old transcripts (recording each run), the sweeper worker on its interval, and the proof
 * that deleting content leaves a call's governed session attestation verifiable.
 */
abstract class RetentionContract extends RunningHerald {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.now());
    private RecordingService recordings;
    private TestCalls calls;
    private RetentionService retention;
    private Ids ids;
    private String workspaceId;
    private String projectId;
    private String projectKey;
    private String adminKey;

    @BeforeEach
    void tenant() {
        clock.set(Instant.now());
        String ws = "ws-" + UUID.randomUUID();
        IssuedKey admin = herald.services().bootstrap().createKey(ws, null, "admin");
        IssuedKey project = herald.services().bootstrap().createKey(ws, "voice", "k");
        adminKey = admin.secret().reveal();
        projectKey = project.secret().reveal();
        workspaceId = project.workspaceId();
        projectId = project.projectId();
        ids = new Ids(clock, RANDOM);
        var db = herald.services().db();
        recordings = new RecordingService(db, ids, clock, RANDOM, SecretBox.forInstall(store().dataDir(), RANDOM),
                SpeechRenderer.at(Path.of("/nonexistent")), RecordingService.DEFAULT_LINK_LIFETIME);
        calls = new TestCalls(db, clock);
        retention = new RetentionService(db, ids, clock, herald.services().mapper(), recordings::deleteAudioBefore, calls);
    }

    private static byte[] tone(long ms) {
        int rate = 8_000;
        byte[] pcm = new byte[(int) (rate * ms / 1000) * 2];
        for (int i = 0; i < pcm.length / 2; i++) {
            short s = (short) Math.round(Math.sin(2 * Math.PI * 440 * i / rate) * 9_000);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return Wav.write(new Wav.Format(rate, 1, 16), pcm);
    }

    /** A recorded, ended call whose clock time is {@code daysAgo} days back. */
    private String oldCall(String ws, int daysAgo, String sessionId) {
        Instant now = clock.instant();
        clock.set(now.minus(Duration.ofDays(daysAgo)));
        String callId = ids.next("call");
        recordings.keep(ws, callId, tone(300));
        calls.insertEnded(ws, callId, clock.instant(), "[{\"role\":\"agent\",\"text\":\"Hello\"}]", sessionId, projectId, null);
        clock.set(now);
        return callId;
    }

    @Test
    void sweep_emptiesOldAudio_purgesOldTranscripts_andRecordsEachRun() {
        String old = oldCall(workspaceId, 40, null);
        String recent = oldCall(workspaceId, 10, null);
        String fresh = oldCall(workspaceId, 1, null);
        String otherWs = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "voice", "k").workspaceId();
        String elsewhere = oldCall(otherWs, 40, null);
        retention.set(workspaceId, new RetentionService.Change(30L, 7L), "key_test");

        List<RetentionRun> runs = retention.sweepAll().stream().filter(r -> r.workspaceId().equals(workspaceId)).toList();
        assertThat(runs).extracting(RetentionRun::kind).containsExactly("recordings", "transcripts");
        Recording oldRecording = recordings.get(workspaceId, recordings.link(workspaceId, old).recordingId());
        assertThat(runs.get(0).deletedIds()).containsExactly(oldRecording.id());
        assertThat(runs.get(0).cutoff()).isEqualTo(clock.instant().minus(Duration.ofDays(30)));
        assertThat(runs.get(1).deletedCount()).isEqualTo(2);
        assertThat(runs.get(1).deletedIds()).isNull();

        assertThat(oldRecording.status()).isEqualTo(Recording.DELETED);
        assertThat(oldRecording.deletedReason()).isEqualTo("retention policy: recordings are kept 30 days");
        assertThat(oldRecording.sha256()).hasSize(64);
        assertThat(recordings.link(workspaceId, recent).isAvailable()).isTrue();
        assertThat(recordings.link(workspaceId, fresh).isAvailable()).isTrue();
        assertThat(recordings.link(otherWs, elsewhere).isAvailable()).isTrue();
        assertThat(calls.transcript(old)).isNull();
        assertThat(calls.transcript(recent)).isNull();
        assertThat(calls.purgedAt(recent)).isEqualTo(clock.millis());
        assertThat(calls.utterances(recent)).isZero();
        assertThat(calls.transcript(fresh)).isNotNull();
        assertThat(calls.utterances(fresh)).isEqualTo(2);
        assertThat(calls.transcript(elsewhere)).isNotNull();

        // Nothing left to delete: the next sweep (a minute later) records empty runs.
        clock.advance(Duration.ofMinutes(1));
        assertThat(retention.sweep(workspaceId)).extracting(RetentionRun::deletedCount).containsExactly(0, 0);

        // The runs over HTTP: newest first, filtered by kind, paged.
        JsonNode all = http.get("/api/v1/voice/retention/runs", projectKey).json();
        assertThat(all.get("data")).hasSize(4);
        // Newest first: the second sweep's runs, then the first's (one sweep's two runs share a millisecond).
        List<String> ranAt = new ArrayList<>();
        all.get("data").forEach(n -> ranAt.add(n.get("ran_at").asText()));
        assertThat(ranAt.get(0)).isEqualTo(ranAt.get(1)).isGreaterThan(ranAt.get(2));
        assertThat(ranAt.get(2)).isEqualTo(ranAt.get(3));
        JsonNode firstRecordings = all.get("data").get(2).get("kind").asText().equals("recordings")
                ? all.get("data").get(2) : all.get("data").get(3);
        assertThat(firstRecordings.get("deleted_ids").get(0).asText()).isEqualTo(oldRecording.id());
        JsonNode transcripts = http.get("/api/v1/voice/retention/runs?kind=transcripts", projectKey).json();
        assertThat(transcripts.get("data")).extracting(n -> n.get("deleted_count").asInt()).containsExactly(0, 2);
        JsonNode first = http.get("/api/v1/voice/retention/runs?limit=3", projectKey).json();
        assertThat(first.get("has_more").asBoolean()).isTrue();
        JsonNode rest = http.get("/api/v1/voice/retention/runs?limit=3&cursor=" + first.get("next_cursor").asText(),
                projectKey).json();
        assertThat(rest.get("data")).hasSize(1);
        assertThat(rest.get("data").get(0).get("id").asText()).isEqualTo(all.get("data").get(3).get("id").asText());
        assertThat(rest.get("has_more").asBoolean()).isFalse();
        problem(http.get("/api/v1/voice/retention/runs?kind=audio", projectKey), 422, "kind");
    }

    @Test
    void aFailingPurger_isRecordedAsAFailedRun_andTheOtherKindStillRuns() {
        String old = oldCall(workspaceId, 40, null);
        RetentionService broken = new RetentionService(herald.services().db(), ids, clock, herald.services().mapper(),
                recordings::deleteAudioBefore, (ws, before) -> {
                    throw new IllegalStateException("calls store unavailable");
                });
        broken.set(workspaceId, new RetentionService.Change(30L, 30L), "key_test");
        List<RetentionRun> runs = broken.sweep(workspaceId);
        assertThat(runs.get(0).deletedCount()).isEqualTo(1);
        assertThat(runs.get(1).error()).isEqualTo("calls store unavailable");
        assertThat(calls.transcript(old)).isNotNull();
    }

    @Test
    void theSweeperWorker_sweepsOnItsInterval() throws InterruptedException {
        String old = oldCall(workspaceId, 3, null);
        retention.set(workspaceId, new RetentionService.Change(2L, null), "key_test");
        try (RetentionSweeper sweeper = new RetentionSweeper(retention, Duration.ofMillis(50))) {
            sweeper.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (recordings.link(workspaceId, old).isAvailable() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(recordings.link(workspaceId, old).reason()).startsWith("deleted: retention policy");
        assertThat(calls.transcript(old)).isNotNull(); // transcripts_days null: kept forever
    }

    @Test
    void policy_isReadByProjectKeys_setByAdmins_andValidatedFieldByField() {
        JsonNode initial = http.get("/api/v1/voice/retention", projectKey).json();
        assertThat(initial.get("recordings_days").isNull()).isTrue();
        assertThat(initial.get("transcripts_days").isNull()).isTrue();
        assertThat(initial.get("updated_at").isNull()).isTrue();

        Http.Response set = put(adminKey, "{\"recordings_days\": 30, \"transcripts_days\": null}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        JsonNode now = http.get("/api/v1/voice/retention", projectKey).json();
        assertThat(now.get("recordings_days").asInt()).isEqualTo(30);
        assertThat(now.get("transcripts_days").isNull()).isTrue();
        assertThat(now.get("updated_at").asText()).endsWith("Z");

        problem(put(projectKey, "{\"recordings_days\": 5}"), 403, null);
        Http.Response bad = put(adminKey, "{\"recordings_days\": 0, \"transcripts_days\": 40000}");
        problem(bad, 422, "recordings_days");
        assertThat(bad.json().get("errors")).hasSize(2);
        assertThat(bad.json().get("errors").get(1).get("field").asText()).isEqualTo("transcripts_days");
        problem(put(adminKey, "{\"recordings_days\": \"30\"}"), 422, "recordings_days");
        problem(put(adminKey, "{\"recordings_days\": 1.5}"), 422, "recordings_days");
        problem(put(adminKey, "{\"recording_days\": 30}"), 422, "recording_days");
        problem(put(adminKey, "{\"recordings_days\": 99999999999}"), 422, "recordings_days");
        assertThat(http.get("/api/v1/voice/retention", projectKey).json().get("recordings_days").asInt()).isEqualTo(30);

        // An empty body keeps everything forever again; another workspace never saw any of it.
        assertThat(put(adminKey, "{}").json().get("recordings_days").isNull()).isTrue();
        String otherKey = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "voice", "k").secret().reveal();
        assertThat(http.get("/api/v1/voice/retention", otherKey).json().get("updated_at").isNull()).isTrue();
    }

    @Test
    void sweepNow_overHttp_isForAdmins_andAnswersItsRuns() {
        String old = oldCall(workspaceId, 40, null);
        Http.Response none = http.post("/api/v1/voice/retention/runs", adminKey, "");
        assertThat(none.status()).as(none.body()).isEqualTo(201);
        assertThat(none.json().get("runs")).isEmpty(); // no policy: everything is kept
        put(adminKey, "{\"recordings_days\": 30}");
        problem(http.post("/api/v1/voice/retention/runs", projectKey, ""), 403, null);
        Http.Response swept = http.post("/api/v1/voice/retention/runs", adminKey, "");
        assertThat(swept.status()).as(swept.body()).isEqualTo(201);
        assertThat(swept.json().get("runs")).hasSize(1);
        assertThat(swept.json().get("runs").get(0).get("deleted_ids").get(0).asText())
                .isEqualTo(recordings.link(workspaceId, old).recordingId());
    }

    /**
     * A call's governed session chain holds hashes, not content: a session whose chain binds the
     * recording's SHA-256 (an audio atom and the end metadata) still verifies with {@code herald
     * verify}'s checks after retention deleted the audio and purged the transcript, and the kept
     * recording row still shows the hash the chain holds.
     */
    @Test
    void deletingContent_neverBreaksTheCallsAttestation() {
        byte[] wav = tone(800);
        String sha = dev.herald.evidence.json.Sha256.of(wav).hex();
        assertThat(http.send("PUT", "/v1/project-settings", projectKey, "application/json",
                "{\"atom_signatures\": \"record\"}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        String sessionId = startSession();
        ObjectNode batch = MAPPER.createObjectNode().put("batch_idempotency_key", "batch-" + UUID.randomUUID());
        var events = batch.putArray("events");
        events.add(atom("transcript_span", "outbound", MAPPER.createObjectNode().put("text", "May I record this call?")
                .put("language", "en")));
        events.add(atom("audio_chunk", "outbound", MAPPER.createObjectNode().put("content_hash", "sha256:" + sha)
                .put("format", "pcm16").put("duration_ms", 800)));
        Http.Response accepted = http.post("/v1/voice/sessions/" + sessionId + "/events", projectKey, batch.toString());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("accepted_count").asInt()).as(accepted.body()).isEqualTo(2);
        ObjectNode end = MAPPER.createObjectNode();
        end.putArray("usage_metrics").addObject().put("meter", "realtime_minutes").put("quantity", 1);
        end.putObject("metadata").put("recording_sha256", sha);
        Http.Response ended = http.post("/v1/sessions/" + sessionId + "/end", projectKey, end.toString());
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        String head = ended.json().get("chain_head").get("content_hash").asText();
        assertAllPass(verify(ended.json().get("attestation_artifact")));

        // The call that ran as this session: recorded and ended 40 days ago.
        Instant now = clock.instant();
        clock.set(now.minus(Duration.ofDays(40)));
        String callId = ids.next("call");
        Recording kept = recordings.keep(workspaceId, callId, wav);
        calls.insertEnded(workspaceId, callId, clock.instant(), "[{\"role\":\"agent\",\"text\":\"May I record this call?\"}]",
                sessionId, projectId, head);
        clock.set(now);
        assertThat(kept.sha256()).isEqualTo(sha);

        assertThat(put(adminKey, "{\"recordings_days\": 30}").status()).isEqualTo(200);
        Http.Response swept = http.post("/api/v1/voice/retention/runs", adminKey, "");
        assertThat(swept.json().get("runs").get(0).get("deleted_ids").get(0).asText()).isEqualTo(kept.id());
        retention.set(workspaceId, new RetentionService.Change(30L, 30L), "key_test");
        assertThat(retention.sweep(workspaceId).get(1).deletedCount()).isEqualTo(1);
        assertThat(calls.transcript(callId)).isNull();

        JsonNode meta = http.get("/api/v1/voice/recordings/" + kept.id(), projectKey).json();
        assertThat(meta.get("status").asText()).isEqualTo("deleted");
        assertThat(meta.get("sha256").asText()).isEqualTo(sha);
        String oldLink = recordings.view(workspaceId, kept.id()).url();
        assertThat(oldLink).isNull();

        // The attestation, assembled again after the deletion, verifies and still carries the hash.
        Http.Response artifact = http.get("/v1/sessions/" + calls.sessionOf(callId) + "/attestation", projectKey);
        assertThat(artifact.status()).as(artifact.body()).isEqualTo(200);
        assertAllPass(verify(artifact.json()));
        List<String> types = new ArrayList<>();
        artifact.json().get("chain").forEach(e -> types.add(e.get("event_type").asText()));
        assertThat(types).contains("voice.audio_chunk.recorded", "voice.transcript_span.recorded", "voice.session.ended");
        // It holds hashes only: neither the words said nor the audio's bytes are in it.
        assertThat(artifact.body()).doesNotContain("May I record this call?");
        assertThat(artifact.json().get("chain_head").get("content_hash").asText()).isEqualTo(head);
    }

    private String startSession() {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode permit = body.putObject("permit");
        permit.put("project_id", projectId);
        permit.put("idempotency_key", "idem-" + UUID.randomUUID());
        permit.putObject("subject").put("type", "user").put("id", "usr_voice_call");
        permit.putObject("action").put("name", "realtime.session");
        ObjectNode resource = permit.putObject("resource");
        resource.put("type", "request").put("id", "req_" + UUID.randomUUID());
        resource.putObject("attributes").put("provider", "openai").put("model", "gpt-4o-realtime-preview")
                .put("operation", "realtime.session").put("execution_mode", "realtime")
                .put("estimated_input_tokens", 0).put("estimated_output_tokens", 0);
        Http.Response r = http.post("/v1/sessions", projectKey, body.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("session_id").asText();
    }

    private static final java.util.concurrent.atomic.AtomicLong NS = new java.util.concurrent.atomic.AtomicLong(
            1_780_513_200_000_000_000L);

    private static ObjectNode atom(String type, String direction, ObjectNode payload) {
        ObjectNode a = MAPPER.createObjectNode();
        a.put("atom_type", type);
        a.put("idempotency_key", "evt-" + UUID.randomUUID());
        a.put("captured_at_ns", NS.addAndGet(1_000_000));
        a.put("direction", direction);
        a.set("payload", payload);
        return a;
    }

    private VerificationReport verify(JsonNode artifact) {
        VerifyOptions options = VerifyOptions.defaults()
                .withTrustAnchors(List.of(herald.tsa().credentials().root()))
                .withPinnedKeys(herald.services().attestation().keys().verificationKeys());
        return new EvidenceVerifier(options).verify(artifact.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertAllPass(VerificationReport report) {
        List<String> failed = new ArrayList<>();
        for (CheckResult c : report.checks()) {
            if (c.status() != CheckStatus.PASS) {
                failed.add(c.check() + ": " + c.status() + " " + c.detail());
            }
        }
        assertThat(failed).isEmpty();
        assertThat(report.verified()).isTrue();
    }

    private Http.Response put(String key, String json) {
        return http.send("PUT", "/api/v1/voice/retention", key, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void problem(Http.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(r.body()).contains(field);
        }
    }
}
