package dev.herald.voice.knowledge;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A ranked search result: a chunk of a document. {@code score} is the store's own relevance (bm25
 * on SQLite, ts_rank_cd on PostgreSQL): higher is better, comparable only within one answer.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Passage(String documentId, String documentTitle, int chunkIndex, String heading, String text,
                      double score) {
}
