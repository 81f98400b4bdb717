-- An atom key's row kept the hash of its chain entry, which session_events already holds under the
-- same (session_id, seq): about 75 bytes per atom written twice (table and, on PostgreSQL, WAL).
-- Readers take the hash from the chain entry. Portable: PostgreSQL and SQLite 3.35+ drop a column
-- that no key or index uses.
ALTER TABLE session_atoms DROP COLUMN event_hash;
