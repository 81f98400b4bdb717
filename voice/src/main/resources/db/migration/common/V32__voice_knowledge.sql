-- The knowledge corpus of the voice module (package dev.herald.voice.knowledge owns both tables).
-- Portable SQL; times are epoch milliseconds. The full-text index over the chunks is the store's
-- own and lives in V33 (an FTS5 table on SQLite, a tsvector column with a GIN index on PostgreSQL).
CREATE TABLE voice_knowledge_documents (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(40)   NOT NULL,
    title         VARCHAR(200)  NOT NULL,
    media_type    VARCHAR(40)   NOT NULL,  -- text/plain | text/markdown | application/pdf
    byte_size     BIGINT        NOT NULL,
    sha256        VARCHAR(64)   NOT NULL,  -- of the uploaded bytes
    char_count    INTEGER       NOT NULL,  -- of the extracted text
    chunk_count   INTEGER       NOT NULL,
    created_at    BIGINT        NOT NULL
);
CREATE INDEX voice_knowledge_documents_by_workspace ON voice_knowledge_documents (workspace_id, id);

-- A passage of a document: a run of paragraphs under one heading, capped in size, overlapping its
-- predecessor by a sentence so an answer split at a boundary is still found whole.
CREATE TABLE voice_knowledge_chunks (
    document_id   VARCHAR(40)   NOT NULL,
    seq           INTEGER       NOT NULL,  -- 0-based position in the document
    workspace_id  VARCHAR(40)   NOT NULL,
    heading       VARCHAR(300),
    text          TEXT          NOT NULL,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX voice_knowledge_chunks_by_workspace ON voice_knowledge_chunks (workspace_id, document_id);
