package dev.herald.voice.recordings;

import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.qualifier.RecordingConsent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Call recordings: made from a call's transcript when the callee granted consent, kept in the
 * database as PCM WAV (in parts of at most 64 KiB, each committed on its own), served through
 * signed expiring links, and emptied by retention. One recording row per call (a call that was not
 * recorded has a row saying why). Thread-safe.
 */
public final class RecordingService {
    /** How long a link handed out by {@link #link} and {@link #view} stays valid unless configured. */
    public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofMinutes(15);

    private final Database db;
    private final RecordingStore store;
    private final LinkSigner signer;
    private final Ids ids;
    private final Clock clock;
    private final SpeechRenderer renderer;
    private final Duration linkLifetime;

    public RecordingService(Database db, Ids ids, Clock clock, SecureRandom random, SecretBox secrets,
                            SpeechRenderer renderer, Duration linkLifetime) {
        if (linkLifetime.isNegative() || linkLifetime.isZero()) {
            throw new IllegalArgumentException("a link lifetime must be positive");
        }
        this.db = db;
        this.store = new RecordingStore(db);
        this.signer = new LinkSigner(store, secrets, random, clock);
        this.ids = ids;
        this.clock = clock;
        this.renderer = renderer;
        this.linkLifetime = linkLifetime;
    }

    /**
     * Notes that the call's recording will be made: a {@link Recording#RENDERING} row, which the
     * call shows until {@link #record} fills it (and which the background worker finds again if
     * this node stops first). Joins the caller's transaction (the call's end); idempotent per call.
     */
    public Recording expect(String workspaceId, String callId) {
        Recording pending = new Recording(ids.next("rec"), workspaceId, callId, Recording.RENDERING,
                Recording.BEING_RENDERED, null, null, null, null, clock.instant(), null, null);
        return insertOnce(pending, null);
    }

    /**
     * Records a finished call: renders {@code turns} to speech when the callee granted consent and a
     * renderer is installed, otherwise keeps a row saying why there is no audio. Fills the call's
     * {@link #expect rendering} row if it has one. Idempotent per call: once the call has a finished
     * row, it answers that row. Blocks while rendering; not inside a transaction.
     */
    public Recording record(String workspaceId, String callId, List<TranscriptTurn> turns, RecordingConsent consent) {
        Optional<Recording> existing = store.byCall(workspaceId, callId);
        if (existing.isPresent() && !Recording.RENDERING.equals(existing.get().status())) {
            return existing.get();
        }
        if (db.inTransaction()) {
            throw new IllegalStateException("rendering a recording inside a database transaction would hold its locks");
        }
        String reason = switch (consent) {
            case GRANTED -> null;
            case DECLINED -> Recording.DECLINED;
            case NOT_ASKED -> Recording.NOT_ASKED;
        };
        if (reason == null) {
            SpeechRenderer.Rendering rendering;
            try {
                rendering = renderer.render(turns);
            } catch (SpeechRenderer.RenderException | Wav.WavException e) {
                rendering = new SpeechRenderer.Rendering.Unavailable("recording_unavailable: rendering failed: "
                        + e.getMessage());
            }
            switch (rendering) {
                case SpeechRenderer.Rendering.Rendered r -> {
                    return keep(workspaceId, callId, r.wav());
                }
                case SpeechRenderer.Rendering.Unavailable u -> reason = u.reason();
            }
        }
        return notRecorded(workspaceId, callId, reason);
    }

    /** Records that the call has no audio, and why (filling its rendering row if it has one). */
    public Recording notRecorded(String workspaceId, String callId, String reason) {
        Recording none = new Recording(ids.next("rec"), workspaceId, callId, Recording.NOT_RECORDED,
                reason.length() > 200 ? reason.substring(0, 200) : reason, null, null, null, null, clock.instant(), null, null);
        return insertOnce(none, null);
    }

    /** Rendering rows made before {@code before} (left by a node that stopped), oldest first. */
    public List<Recording> renderingBefore(Instant before, int limit) {
        return store.renderingBefore(before, limit);
    }

    /**
     * Keeps {@code wav} (a PCM WAV file, re-written with a canonical header) as the call's
     * recording. Invalid naming {@code audio} when it is not one; idempotent per call.
     */
    public Recording keep(String workspaceId, String callId, byte[] wav) {
        Wav.Audio audio;
        try {
            audio = Wav.parse(wav);
        } catch (Wav.WavException e) {
            throw new Invalid("audio", e.getMessage());
        }
        if (audio.pcm().length == 0) {
            throw new Invalid("audio", "holds no samples");
        }
        byte[] canonical = Wav.write(audio.format(), audio.pcm());
        Recording r = new Recording(ids.next("rec"), workspaceId, callId, Recording.STORED, null, Recording.WAV,
                (long) canonical.length, audio.durationMs(), sha256(canonical), clock.instant(), null, null);
        return insertOnce(r, canonical);
    }

    /**
     * Keeps {@code r} as the call's row: inserted when the call has none, filled into its rendering
     * row when it has one (keeping that row's id and time). Otherwise the call's row stays as it is
     * (two nodes recording one call) and is the answer.
     */
    private Recording insertOnce(Recording r, byte[] audio) {
        String audioKey = null;
        if (audio != null) {
            audioKey = ids.next("aud");
            store.writeAudio(audioKey, audio, clock.instant());
        }
        if (store.insert(r, audioKey)) {
            return r;
        }
        boolean completed = !Recording.RENDERING.equals(r.status()) && store.complete(r, audioKey);
        if (!completed && audioKey != null) {
            store.dropAudio(audioKey);
        }
        return store.byCall(r.workspaceId(), r.callId()).orElseThrow();
    }

    /**
     * Drops audio parts that no recording names, written before {@code before} (a node stopped
     * between its parts and its row); answers how many recordings' worth.
     */
    int dropUnnamedAudio(Instant before, int limit) {
        return store.dropUnnamedAudio(before, limit);
    }

    /** A recording of the workspace; NotFound otherwise. */
    public Recording get(String workspaceId, String recordingId) {
        return store.byId(workspaceId, recordingId).orElseThrow(() -> new NotFound("recording '" + recordingId + "' not found"));
    }

    /** A recording with a fresh signed link when it still has audio. */
    public RecordingView view(String workspaceId, String recordingId) {
        Recording r = get(workspaceId, recordingId);
        if (!r.hasAudio()) {
            return new RecordingView(r, null, null);
        }
        Instant expires = expiry();
        return new RecordingView(r, url(r.id(), expires), expires);
    }

    /** The call's recording as a call shows it: a fresh link, or none and why. */
    public RecordingLink link(String workspaceId, String callId) {
        Optional<Recording> found = store.byCall(workspaceId, callId);
        if (found.isEmpty()) {
            return RecordingLink.unavailable(null, Recording.NO_RECORDING);
        }
        Recording r = found.get();
        return switch (r.status()) {
            case Recording.STORED -> {
                Instant expires = expiry();
                yield RecordingLink.available(r.id(), url(r.id(), expires), expires, r.durationMs());
            }
            case Recording.DELETED -> RecordingLink.unavailable(r.id(), "deleted: " + r.deletedReason());
            case Recording.RENDERING -> RecordingLink.unavailable(r.id(), Recording.BEING_RENDERED);
            default -> RecordingLink.unavailable(r.id(), r.reason());
        };
    }

    /** Whether a node can render recordings now (espeak-ng installed). */
    public boolean canRender() {
        return renderer.available();
    }

    /**
     * The audio behind a signed link. The signature is checked before the expiry, so an answer
     * about expiry is only ever given to a holder of a genuine link.
     */
    public AudioAccess audio(String recordingId, long expiresEpochSecond, String signature) {
        if (signature.length() != LinkSigner.SIGNATURE_CHARS || !signer.matches(recordingId, expiresEpochSecond, signature)) {
            return new AudioAccess.BadSignature();
        }
        if (clock.instant().getEpochSecond() >= expiresEpochSecond) {
            return new AudioAccess.Expired(Instant.ofEpochSecond(expiresEpochSecond));
        }
        Optional<RecordingStore.Stored> stored = store.audio(recordingId);
        if (stored.isEmpty()) {
            return new AudioAccess.Missing();
        }
        Recording r = stored.get().recording();
        if (!r.hasAudio() || stored.get().audio() == null) {
            return new AudioAccess.Gone(r);
        }
        return new AudioAccess.Granted(r, stored.get().audio());
    }

    /**
     * Retention: empties the audio of the workspace's recordings made before {@code cutoff}; the
     * rows keep id, hash, size and the deletion's time and reason. Returns the ids emptied.
     */
    public List<String> deleteAudioBefore(String workspaceId, Instant cutoff, String reason) {
        return store.deleteAudioBefore(workspaceId, cutoff, clock.instant(), reason);
    }

    private Instant expiry() {
        return Instant.ofEpochSecond(clock.instant().plus(linkLifetime).getEpochSecond());
    }

    private String url(String recordingId, Instant expires) {
        long e = expires.getEpochSecond();
        return "/api/v1/voice/recordings/" + recordingId + "/audio.wav?expires=" + e + "&signature="
                + signer.sign(recordingId, e);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
