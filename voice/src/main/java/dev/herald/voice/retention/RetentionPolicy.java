package dev.herald.voice.retention;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A workspace's retention policy: recordings and transcripts are deleted once older than the
 * number of days given; null keeps them forever (the default, {@code updatedAt} then null).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetentionPolicy(String workspaceId, Integer recordingsDays, Integer transcriptsDays, Instant updatedAt) {
    /** The longest period a policy may name: 100 years. */
    public static final int MAX_DAYS = 36_500;

    public static RetentionPolicy keepForever(String workspaceId) {
        return new RetentionPolicy(workspaceId, null, null, null);
    }

    public boolean limitsAnything() {
        return recordingsDays != null || transcriptsDays != null;
    }
}
