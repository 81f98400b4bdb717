-- SQLite's full-text index over voice_knowledge_chunks: an FTS5 table holding its own copy of each
-- chunk's heading and text (written and deleted beside the chunk rows by the knowledge package), so
-- it never depends on the chunks' implicit rowids, which VACUUM may renumber. Porter stemming over
-- Unicode word splitting, diacritics folded: "plans" finds "plan", "resume" finds "résumé".
CREATE VIRTUAL TABLE voice_knowledge_fts USING fts5(
    heading,
    text,
    workspace_id UNINDEXED,
    document_id UNINDEXED,
    seq UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
