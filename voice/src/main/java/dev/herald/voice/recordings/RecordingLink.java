package dev.herald.voice.recordings;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A call's recording as a call shows it: a signed URL valid until {@code expiresAt} (a path under
 * the API's base URL; the signature is the credential), or no URL and the {@code reason}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordingLink(String recordingId, String url, Instant expiresAt, Long durationMs, String reason) {

    public static RecordingLink available(String recordingId, String url, Instant expiresAt, Long durationMs) {
        return new RecordingLink(recordingId, url, expiresAt, durationMs, null);
    }

    public static RecordingLink unavailable(String recordingIdOrNull, String reason) {
        return new RecordingLink(recordingIdOrNull, null, null, null, reason);
    }

    public boolean isAvailable() {
        return url != null;
    }
}
