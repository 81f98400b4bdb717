-- PostgreSQL's full-text index over voice_knowledge_chunks: a stored tsvector of heading and text
-- (English stemming, the heading weighted above the body) kept by the database itself, and a GIN
-- index the search's @@ uses.
ALTER TABLE voice_knowledge_chunks ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(heading, '')), 'A') || setweight(to_tsvector('english', text), 'B')
) STORED;
CREATE INDEX voice_knowledge_chunks_search ON voice_knowledge_chunks USING GIN (search_vector);
