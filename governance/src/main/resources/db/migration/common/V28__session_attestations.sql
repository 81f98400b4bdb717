-- Attestation artifacts belong to the attestation feature, not to the session row: one row per
-- closed session whose artifact has been assembled, holding the exact signed canonical bytes. The
-- session row (owned by realtime) no longer carries them.
CREATE TABLE session_attestations (
    session_id  VARCHAR(40) NOT NULL PRIMARY KEY,
    artifact    TEXT        NOT NULL,
    created_at  BIGINT      NOT NULL
);

INSERT INTO session_attestations (session_id, artifact, created_at)
    SELECT id, attestation, COALESCE(ended_at, last_occurred_at) FROM realtime_sessions WHERE attestation IS NOT NULL;

ALTER TABLE realtime_sessions DROP COLUMN attestation;
