package dev.herald.voice.knowledge;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A stored document of a workspace's corpus, as the API shows it (its text lives in its chunks). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KnowledgeDocument(String id, String title, String mediaType, long byteSize, String sha256, int charCount,
                                int chunkCount, Instant createdAt) {
}
