package dev.herald.voice.knowledge;

import dev.herald.platform.store.Dialect;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The store's own full-text index over the chunks (V33): FTS5 on SQLite, a generated tsvector
 * with a GIN index on PostgreSQL. Called inside the knowledge service's transactions.
 */
sealed interface TextIndex permits SqliteTextIndex, PostgresTextIndex {

    /** One ranked hit: a chunk and its engine score (higher is better, comparable within one search). */
    record Hit(String documentId, int seq, String heading, String text, double score) {
    }

    /** Indexes the chunks of a document just written. */
    void added(Handle h, String documentId);

    /** Drops a document's chunks from the index, before its chunk rows go. */
    void removing(Handle h, String documentId);

    /** The best chunks of the workspace for any of the terms (never empty terms), best first. */
    List<Hit> search(Handle h, String workspaceId, SearchTerms terms, int limit);

    static TextIndex of(Dialect dialect) {
        return dialect == Dialect.SQLITE ? new SqliteTextIndex() : new PostgresTextIndex();
    }
}
