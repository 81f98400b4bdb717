package dev.herald.voice.knowledge;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** FTS5: a copy of each chunk in {@code voice_knowledge_fts}, ranked by bm25 (the heading weighted twice). */
final class SqliteTextIndex implements TextIndex {

    @Override
    public void added(Handle h, String documentId) {
        h.createUpdate("INSERT INTO voice_knowledge_fts (heading, text, workspace_id, document_id, seq) "
                        + "SELECT coalesce(heading, ''), text, workspace_id, document_id, seq "
                        + "FROM voice_knowledge_chunks WHERE document_id = :d")
                .bind("d", documentId).execute();
    }

    @Override
    public void removing(Handle h, String documentId) {
        h.createUpdate("DELETE FROM voice_knowledge_fts WHERE document_id = :d").bind("d", documentId).execute();
    }

    @Override
    public List<Hit> search(Handle h, String workspaceId, SearchTerms terms, int limit) {
        // bm25 is lower for better matches; negated so every store answers "higher is better".
        return h.createQuery("SELECT document_id, seq, heading, text, -bm25(voice_knowledge_fts, 2.0, 1.0) AS score "
                        + "FROM voice_knowledge_fts WHERE voice_knowledge_fts MATCH :q AND workspace_id = :ws "
                        + "ORDER BY bm25(voice_knowledge_fts, 2.0, 1.0), document_id, seq LIMIT :limit")
                .bind("q", terms.fts5Query())
                .bind("ws", workspaceId)
                .bind("limit", limit)
                .map((rs, ctx) -> new Hit(rs.getString("document_id"), rs.getInt("seq"),
                        emptyToNull(rs.getString("heading")), rs.getString("text"), rs.getDouble("score")))
                .list();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
