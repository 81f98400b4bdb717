-- Call recordings (package dev.herald.voice.recordings owns both tables). The audio itself is kept
-- in the database so every node serves it. PostgreSQL flavour: the audio column is a BYTEA.
-- One row per call that asked to be recorded: status 'stored' holds audio, 'not_recorded' says
-- why there is none (no consent, no speech renderer), 'deleted' keeps the hash and the reason
-- after retention removed the bytes.
CREATE TABLE voice_recordings (
    id              VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id    VARCHAR(40)   NOT NULL,
    call_id         VARCHAR(40)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,   -- stored | not_recorded | deleted
    reason          VARCHAR(200),             -- why not recorded
    content_type    VARCHAR(40),
    bytes           BYTEA,                    -- null unless stored
    size            BIGINT,
    duration_ms     BIGINT,
    sha256          VARCHAR(64),
    created_at      BIGINT        NOT NULL,
    deleted_at      BIGINT,
    deleted_reason  VARCHAR(200)
);
CREATE UNIQUE INDEX voice_recordings_one_per_call ON voice_recordings (workspace_id, call_id);
CREATE INDEX voice_recordings_by_age ON voice_recordings (workspace_id, status, created_at);

-- The HMAC key that signs expiring recording URLs, sealed with the install's SecretBox; one row,
-- created by the first node that needs it, so every node sharing the database signs alike.
CREATE TABLE voice_recording_keys (
    id          VARCHAR(40)   NOT NULL PRIMARY KEY,
    sealed_key  TEXT          NOT NULL,
    created_at  BIGINT        NOT NULL
);
