package dev.herald.voice.recordings;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;

/**
 * What Herald knows about a call's recording, without its audio. {@code status} is
 * {@link #RENDERING} (the call ended and its audio is being made in the background),
 * {@link #STORED} (audio kept), {@link #NOT_RECORDED} ({@code reason} says why: no consent, no
 * speech renderer) or {@link #DELETED} (retention removed the audio; the hash, size and the
 * deletion's time and reason stay).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Recording(String id, String workspaceId, String callId, String status, String reason,
                        String contentType, Long sizeBytes, Long durationMs, String sha256, Instant createdAt,
                        Instant deletedAt, String deletedReason) {
    public static final String RENDERING = "rendering";
    public static final String STORED = "stored";
    public static final String NOT_RECORDED = "not_recorded";
    public static final String DELETED = "deleted";
    public static final String WAV = "audio/wav";

    /** Why a call has no recording: the renderer is missing on this node. */
    public static final String NO_RENDERER = "recording_unavailable: espeak-ng is not installed";
    public static final String DECLINED = "not_recorded: the callee declined recording";
    public static final String NOT_ASKED = "not_recorded: recording consent was not asked";
    public static final String NOTHING_SAID = "not_recorded: nothing was said on the call";
    public static final String BEING_RENDERED = "rendering: the recording is being made from the call's words; ask again shortly";
    public static final String WORDS_GONE = "not_recorded: the call's transcript was gone before its recording was made";
    public static final String NO_RECORDING = "not_recorded: no recording was made for this call";

    public Recording {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean hasAudio() {
        return STORED.equals(status);
    }
}
