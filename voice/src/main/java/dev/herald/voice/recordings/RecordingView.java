package dev.herald.voice.recordings;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A recording as {@code GET /api/v1/voice/recordings/{id}} answers it: with a fresh link while it has audio. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordingView(@JsonUnwrapped Recording recording, String url, Instant urlExpiresAt) {
}
