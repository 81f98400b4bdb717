package dev.herald.voice.retention;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * One sweep of one kind of content in one workspace: what was older than {@code cutoff} and was
 * deleted. {@code deletedIds} names the recordings emptied (null for transcripts, counted only);
 * {@code error} is set when the sweep failed and deleted nothing.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetentionRun(String id, String workspaceId, String kind, Instant cutoff, int deletedCount,
                           List<String> deletedIds, String error, Instant ranAt) {
    public static final String RECORDINGS = "recordings";
    public static final String TRANSCRIPTS = "transcripts";

    public RetentionRun {
        deletedIds = deletedIds == null ? null : List.copyOf(deletedIds);
    }
}
