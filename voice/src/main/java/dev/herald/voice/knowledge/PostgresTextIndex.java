package dev.herald.voice.knowledge;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** A generated tsvector column with a GIN index; the database keeps it, so adding and removing are no-ops. */
final class PostgresTextIndex implements TextIndex {

    @Override
    public void added(Handle h, String documentId) {
        // search_vector is GENERATED ALWAYS ... STORED: written with the row.
    }

    @Override
    public void removing(Handle h, String documentId) {
        // Goes with the row.
    }

    @Override
    public List<Hit> search(Handle h, String workspaceId, SearchTerms terms, int limit) {
        return h.createQuery("SELECT document_id, seq, heading, text, ts_rank_cd(search_vector, q) AS score "
                        + "FROM voice_knowledge_chunks, to_tsquery('english', :q) AS q "
                        + "WHERE workspace_id = :ws AND search_vector @@ q "
                        + "ORDER BY score DESC, document_id, seq LIMIT :limit")
                .bind("q", terms.tsQuery())
                .bind("ws", workspaceId)
                .bind("limit", limit)
                .map((rs, ctx) -> new Hit(rs.getString("document_id"), rs.getInt("seq"), rs.getString("heading"),
                        rs.getString("text"), rs.getDouble("score")))
                .list();
    }
}
