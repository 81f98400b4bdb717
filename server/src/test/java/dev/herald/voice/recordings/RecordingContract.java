package dev.herald.voice.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.MutableClock;
import dev.herald.server.testing.RunningHerald;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recordings over real HTTP on a real store: the audio is kept in the database (so any node serves
 * it), a project key reads the metadata and a fresh signed link, and the link alone fetches the
 * WAV bytes until it expires. Recordings are made by a second {@link RecordingService} over the
 * same database and install key, as another node (or the calls package) would.
 */
abstract class RecordingContract extends RunningHerald {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final MutableClock clock = new MutableClock(Instant.now());
    private RecordingService node;
    private String workspaceId;
    private String projectKey;

    @BeforeEach
    void tenant() {
        clock.set(Instant.now());
        String ws = "ws-" + UUID.randomUUID();
        IssuedKey key = herald.services().bootstrap().createKey(ws, "voice", "k");
        projectKey = key.secret().reveal();
        workspaceId = key.workspaceId();
        node = new RecordingService(herald.services().db(), new Ids(clock, RANDOM), clock, RANDOM,
                SecretBox.forInstall(store().dataDir(), RANDOM), SpeechRenderer.at(java.nio.file.Path.of("/nonexistent")),
                RecordingService.DEFAULT_LINK_LIFETIME);
    }

    private static String callId() {
        return new Ids(java.time.Clock.systemUTC(), RANDOM).next("call");
    }

    static byte[] tone(int sampleRate, double hz, long ms) {
        int frames = (int) (sampleRate * ms / 1000);
        byte[] pcm = new byte[frames * 2];
        for (int i = 0; i < frames; i++) {
            short s = (short) Math.round(Math.sin(2 * Math.PI * hz * i / sampleRate) * 10_000);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return Wav.write(new Wav.Format(sampleRate, 1, 16), pcm);
    }

    @Test
    void metadataGivesASignedLink_andTheLinkAloneServesTheWav() {
        byte[] wav = tone(16_000, 440, 1_500);
        Recording r = node.keep(workspaceId, callId(), wav);
        Http.Response meta = http.get("/api/v1/voice/recordings/" + r.id(), projectKey);
        assertThat(meta.status()).as(meta.body()).isEqualTo(200);
        JsonNode m = meta.json();
        assertThat(m.get("status").asText()).isEqualTo("stored");
        assertThat(m.get("duration_ms").asLong()).isEqualTo(1_500);
        assertThat(m.get("size_bytes").asLong()).isEqualTo(wav.length);
        assertThat(m.get("sha256").asText()).isEqualTo(RecordingService.sha256(wav));
        Instant expires = Instant.parse(m.get("url_expires_at").asText());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));

        Http.Response audio = http.get(m.get("url").asText(), null);
        assertThat(audio.status()).isEqualTo(200);
        assertThat(audio.contentType()).startsWith("audio/wav");
        assertThat(audio.bytes()).isEqualTo(wav);
        assertThat(new String(audio.bytes(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(ByteBuffer.wrap(audio.bytes()).order(ByteOrder.LITTLE_ENDIAN).getInt(40)).isEqualTo(wav.length - 44);
    }

    /** Two nodes on one database (and one install key): a link one node hands out, the other serves. */
    @Test
    void aLinkHandedOutByOneNode_isServedByAnother() {
        byte[] wav = tone(8_000, 520, 400);
        Recording r = node.keep(workspaceId, callId(), wav);
        String url = http.get("/api/v1/voice/recordings/" + r.id(), projectKey).json().get("url").asText();
        try (dev.herald.server.Herald second = dev.herald.server.Herald.start(store().config())) {
            Http other = Http.validating(second.baseUrl());
            Http.Response audio = other.get(url, null);
            assertThat(audio.status()).isEqualTo(200);
            assertThat(audio.bytes()).isEqualTo(wav);
        }
    }

    @Test
    void aRange_isServedAs206() throws Exception {
        byte[] wav = tone(8_000, 300, 500);
        Recording r = node.keep(workspaceId, callId(), wav);
        String url = http.get("/api/v1/voice/recordings/" + r.id(), projectKey).json().get("url").asText();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> part = client.send(HttpRequest.newBuilder(herald.baseUrl().resolve(url))
                .header("Range", "bytes=0-43").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 0-43/" + wav.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOf(wav, 44));
        HttpResponse<byte[]> tail = client.send(HttpRequest.newBuilder(herald.baseUrl().resolve(url))
                .header("Range", "bytes=-10").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(wav, wav.length - 10, wav.length));
        HttpResponse<String> beyond = client.send(HttpRequest.newBuilder(herald.baseUrl().resolve(url))
                .header("Range", "bytes=" + wav.length + "-").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */" + wav.length);
        assertThat(beyond.body()).contains("urn:herald:problem:range-not-satisfiable");
    }

    @Test
    void tamperedLinks_are403_expiredOnes410_andBadParameters422() {
        Recording r = node.keep(workspaceId, callId(), tone(8_000, 440, 200));
        String url = http.get("/api/v1/voice/recordings/" + r.id(), projectKey).json().get("url").asText();
        URI u = URI.create(url);
        String path = u.getRawPath();
        String expires = u.getRawQuery().replaceAll(".*expires=([0-9]+).*", "$1");
        String signature = u.getRawQuery().replaceAll(".*signature=([A-Za-z0-9_-]+).*", "$1");

        Http.Response later = http.get(path + "?expires=" + (Long.parseLong(expires) + 86_400) + "&signature=" + signature, null);
        problem(later, 403, "recording-link-invalid");
        String flipped = (signature.charAt(5) == 'A' ? "B" : "A");
        problem(http.get(path + "?expires=" + expires + "&signature=" + signature.substring(0, 5) + flipped
                + signature.substring(6), null), 403, "recording-link-invalid");
        Recording other = node.keep(workspaceId, callId(), tone(8_000, 440, 200));
        problem(http.get("/api/v1/voice/recordings/" + other.id() + "/audio.wav?expires=" + expires + "&signature="
                + signature, null), 403, "recording-link-invalid");

        // A genuine link made an hour ago (by a node whose clock says so) has expired.
        clock.set(Instant.now().minus(Duration.ofHours(1)));
        String old = node.link(workspaceId, r.callId()).url();
        problem(http.get(old, null), 410, "recording-link-expired");

        Http.Response missing = http.get(path, null);
        problem(missing, 422, "validation");
        assertThat(missing.json().get("errors").toString()).contains("expires").contains("signature");
        Http.Response notNumber = http.get(path + "?expires=soon&signature=" + signature, null);
        problem(notNumber, 422, "validation");
        assertThat(notNumber.json().get("errors").get(0).get("field").asText()).isEqualTo("expires");
    }

    @Test
    void anotherWorkspacesRecording_isNotFound_andNotRecordedCallsSayWhy() {
        Recording r = node.keep(workspaceId, callId(), tone(8_000, 440, 200));
        String otherKey = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "voice", "k").secret().reveal();
        problem(http.get("/api/v1/voice/recordings/" + r.id(), otherKey), 404, "not-found");
        problem(http.get("/api/v1/voice/recordings/rec_00000000000000000000000000", projectKey), 404, "not-found");
        problem(http.get("/api/v1/voice/recordings/" + r.id(), null), 401, "unauthorized");

        Recording none = node.record(workspaceId, callId(), java.util.List.of(
                new dev.herald.voice.core.call.TranscriptTurn(dev.herald.voice.core.call.Role.AGENT, "Hello.", 0, 500)),
                dev.herald.voice.core.qualifier.RecordingConsent.GRANTED);
        JsonNode m = http.get("/api/v1/voice/recordings/" + none.id(), projectKey).json();
        assertThat(m.get("status").asText()).isEqualTo("not_recorded");
        assertThat(m.get("reason").asText()).isEqualTo("recording_unavailable: espeak-ng is not installed");
        assertThat(m.get("url").isNull()).isTrue();
    }

    @Test
    void withEspeak_aConsentedCallIsRecordedAsSpeech_andItsLinkServesIt() {
        SpeechRenderer espeak = SpeechRenderer.espeakNg();
        org.junit.jupiter.api.Assumptions.assumeTrue(espeak.available(), "espeak-ng is not installed on this machine "
                + "(apt-get install espeak-ng); rendering a call is not tested here, the absent case is");
        RecordingService rendering = new RecordingService(herald.services().db(), new Ids(clock, RANDOM), clock, RANDOM,
                SecretBox.forInstall(store().dataDir(), RANDOM), espeak, RecordingService.DEFAULT_LINK_LIFETIME);
        var turns = java.util.List.of(
                new dev.herald.voice.core.call.TranscriptTurn(dev.herald.voice.core.call.Role.AGENT,
                        "Hi, I am an AI assistant. Is it all right if I record this call?", 0, 3_000),
                new dev.herald.voice.core.call.TranscriptTurn(dev.herald.voice.core.call.Role.USER, "Yes, go ahead.", 3_400, 4_400));
        Recording r = rendering.record(workspaceId, callId(), turns, dev.herald.voice.core.qualifier.RecordingConsent.GRANTED);
        assertThat(r.status()).isEqualTo("stored");
        JsonNode m = http.get("/api/v1/voice/recordings/" + r.id(), projectKey).json();
        Http.Response audio = http.get(m.get("url").asText(), null);
        assertThat(audio.status()).isEqualTo(200);
        Wav.Audio parsed = Wav.parse(audio.bytes());
        assertThat(parsed.durationMs()).isEqualTo(r.durationMs()).isGreaterThan(2_000);
        assertThat(RecordingService.sha256(audio.bytes())).isEqualTo(m.get("sha256").asText());
    }

    static void problem(Http.Response r, int status, String slug) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asText()).isEqualTo("urn:herald:problem:" + slug);
    }
}
