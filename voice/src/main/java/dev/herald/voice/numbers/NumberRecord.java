package dev.herald.voice.numbers;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * An inbound number of a workspace: calls to {@code number} (canonical E.164) are answered by the
 * profile's agent pursuing {@code objective}, over {@code provider}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NumberRecord(String id, @JsonIgnore String workspaceId, String number, String profileId, String objective,
                           String provider, Instant createdAt, Instant updatedAt) {
}
