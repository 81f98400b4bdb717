package dev.herald.voice.knowledge;

import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.voice.core.qualifier.KnowledgeBase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * A workspace's knowledge corpus: documents (text, Markdown, PDF) turned into text, split into
 * chunks and indexed by the store's own full-text search; searched by the API and, through
 * {@link #base}, by the agent's {@code search_knowledge} tool. Thread-safe.
 */
public final class KnowledgeService {
    /** The largest document accepted, in bytes (the server's request limit is 1 MiB; this is the same). */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
    /** The most text one document may yield, in characters (a PDF may expand). */
    public static final int MAX_TEXT_CHARS = 500_000;
    public static final int MAX_TITLE_CHARS = 200;
    public static final int MAX_SEARCH_RESULTS = 20;

    private final Database db;
    private final Clock clock;
    private final Ids ids;
    private final TextIndex index;

    public KnowledgeService(Database db, Clock clock, Ids ids) {
        this.db = db;
        this.clock = clock;
        this.ids = ids;
        this.index = TextIndex.of(db.dialect());
    }

    /**
     * A document read and split, ready to store: the slow part of an upload (PDF parsing), done
     * before any transaction opens.
     */
    public record Upload(String title, DocumentFormat format, int byteSize, String sha256, int charCount,
                         List<Chunker.Chunk> chunks) {
        public Upload {
            chunks = List.copyOf(chunks);
        }
    }

    /** Reads a document given as bytes of {@code format}; refusals name {@code body} or {@code title}. */
    public Upload read(String title, DocumentFormat format, byte[] bytes) {
        checkTitle(title);
        if (bytes.length == 0) {
            throw new Invalid("body", "is empty");
        }
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new Invalid("body", "is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        return upload(title.strip(), format, bytes, TextExtractor.extract(format, bytes, "body"), "body");
    }

    /** Reads a document given as a string (the JSON form); refusals name {@code text}, {@code media_type} or {@code title}. */
    public Upload readText(String title, DocumentFormat format, String text) {
        checkTitle(title);
        if (format == DocumentFormat.PDF) {
            throw new Invalid("media_type", "must be text/plain or text/markdown in the JSON form; upload a PDF as the raw body");
        }
        if (text == null || text.isBlank()) {
            throw new Invalid("text", "is required");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new Invalid("text", "is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        return upload(title.strip(), format, bytes, TextExtractor.fromString(format, text), "text");
    }

    private static void checkTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new Invalid("title", "is required");
        }
        if (title.strip().length() > MAX_TITLE_CHARS) {
            throw new Invalid("title", "must be at most " + MAX_TITLE_CHARS + " characters");
        }
        if (title.chars().anyMatch(Character::isISOControl)) {
            throw new Invalid("title", "must not contain control characters");
        }
    }

    private static Upload upload(String title, DocumentFormat format, byte[] bytes, String text, String field) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new Invalid(field, "yields more than " + MAX_TEXT_CHARS + " characters of text");
        }
        List<Chunker.Chunk> chunks = Chunker.split(text, format == DocumentFormat.MARKDOWN);
        if (chunks.isEmpty() || SearchTerms.of(text).isEmpty()) {
            throw new Invalid(field, format == DocumentFormat.PDF
                    ? "has no extractable text (a scanned PDF needs text recognition first)" : "has no words to index");
        }
        return new Upload(title, format, bytes.length, sha256(bytes), text.length(), chunks);
    }

    /** Reads and stores a document given as bytes. */
    public KnowledgeDocument add(String ws, String title, DocumentFormat format, byte[] bytes) {
        return add(ws, read(title, format, bytes));
    }

    /** Stores a document read by {@link #read} or {@link #readText}, its chunks and their index entries, in one transaction. */
    public KnowledgeDocument add(String ws, Upload u) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        KnowledgeDocument doc = new KnowledgeDocument(ids.next("kdoc"), u.title(), u.format().mediaType(),
                u.byteSize(), u.sha256(), u.charCount(), u.chunks().size(), now);
        db.write(h -> {
            h.createUpdate("INSERT INTO voice_knowledge_documents (id, workspace_id, title, media_type, byte_size, "
                            + "sha256, char_count, chunk_count, created_at) VALUES (:id, :ws, :title, :media, :size, "
                            + ":sha, :chars, :chunks, :at)")
                    .bind("id", doc.id()).bind("ws", ws).bind("title", doc.title()).bind("media", doc.mediaType())
                    .bind("size", doc.byteSize()).bind("sha", doc.sha256()).bind("chars", doc.charCount())
                    .bind("chunks", doc.chunkCount()).bind("at", now.toEpochMilli())
                    .execute();
            var batch = h.prepareBatch("INSERT INTO voice_knowledge_chunks (document_id, seq, workspace_id, heading, "
                    + "text) VALUES (:doc, :seq, :ws, :heading, :text)");
            for (int i = 0; i < u.chunks().size(); i++) {
                batch.bind("doc", doc.id()).bind("seq", i).bind("ws", ws)
                        .bind("heading", u.chunks().get(i).heading()).bind("text", u.chunks().get(i).text()).add();
            }
            batch.execute();
            index.added(h, doc.id());
            return null;
        });
        return doc;
    }

    public Page<KnowledgeDocument> list(String ws, PageRequest page) {
        List<KnowledgeDocument> rows = db.read(h -> h.createQuery("SELECT * FROM voice_knowledge_documents "
                        + "WHERE workspace_id = :ws AND id > :after ORDER BY id LIMIT :n")
                .bind("ws", ws).bind("after", page.afterOrEmpty()).bind("n", page.fetchSize())
                .map((rs, ctx) -> document(rs)).list());
        return Page.of(rows, page, KnowledgeDocument::id);
    }

    public KnowledgeDocument get(String ws, String id) {
        return db.read(h -> find(h, ws, id));
    }

    /** Deletes the document and its chunks (and their index entries). */
    public KnowledgeDocument delete(String ws, String id) {
        return db.write(h -> {
            KnowledgeDocument doc = find(h, ws, id);
            index.removing(h, id);
            h.createUpdate("DELETE FROM voice_knowledge_chunks WHERE document_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM voice_knowledge_documents WHERE id = :id").bind("id", id).execute();
            return doc;
        });
    }

    /** The workspace's best passages for a question in plain words (never query syntax), best first. */
    public List<Passage> search(String ws, String question, int limit) {
        if (question == null || question.isBlank()) {
            throw new Invalid("q", "is required");
        }
        if (question.length() > SearchTerms.MAX_QUESTION_CHARS) {
            throw new Invalid("q", "must be at most " + SearchTerms.MAX_QUESTION_CHARS + " characters");
        }
        if (limit < 1 || limit > MAX_SEARCH_RESULTS) {
            throw new Invalid("limit", "must be an integer from 1 to " + MAX_SEARCH_RESULTS);
        }
        SearchTerms terms = SearchTerms.of(question);
        if (terms.isEmpty()) {
            return List.of();
        }
        return db.read(h -> {
            List<TextIndex.Hit> hits = index.search(h, ws, terms, limit);
            Map<String, String> titles = titles(h, hits.stream().map(TextIndex.Hit::documentId).distinct().toList());
            return hits.stream().map(x -> new Passage(x.documentId(), titles.get(x.documentId()), x.seq(),
                    x.heading(), x.text(), x.score())).toList();
        });
    }

    /** The corpus of {@code ws} as the agent's {@code search_knowledge} tool sees it. */
    public KnowledgeBase base(String ws) {
        return question -> {
            if (question == null || question.isBlank()) {
                return Optional.empty();
            }
            String q = question.length() > SearchTerms.MAX_QUESTION_CHARS
                    ? question.substring(0, SearchTerms.MAX_QUESTION_CHARS) : question;
            List<Passage> best = search(ws, q, 1);
            return best.isEmpty() ? Optional.empty()
                    : Optional.of(SpokenAnswer.from(best.getFirst().text(), SearchTerms.of(q)));
        };
    }

    private Map<String, String> titles(Handle h, List<String> documentIds) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        return h.createQuery("SELECT id, title FROM voice_knowledge_documents WHERE id IN (<ids>)")
                .bindList("ids", documentIds)
                .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("title")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static KnowledgeDocument find(Handle h, String ws, String id) {
        return h.createQuery("SELECT * FROM voice_knowledge_documents WHERE id = :id AND workspace_id = :ws")
                .bind("id", id).bind("ws", ws)
                .map((rs, ctx) -> document(rs)).findOne()
                .orElseThrow(() -> new NotFound("no knowledge document " + id));
    }

    private static KnowledgeDocument document(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new KnowledgeDocument(rs.getString("id"), rs.getString("title"), rs.getString("media_type"),
                rs.getLong("byte_size"), rs.getString("sha256"), rs.getInt("char_count"), rs.getInt("chunk_count"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
