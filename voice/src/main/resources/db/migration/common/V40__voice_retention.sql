-- Retention (package dev.herald.voice.retention owns both tables). Times are epoch milliseconds.
-- A workspace's policy: content older than N days is deleted; null keeps it forever.
CREATE TABLE voice_retention_policies (
    workspace_id      VARCHAR(40)  NOT NULL PRIMARY KEY,
    recordings_days   INTEGER,
    transcripts_days  INTEGER,
    updated_at        BIGINT       NOT NULL,
    updated_by        VARCHAR(64)  NOT NULL
);

-- Each sweep of a workspace's policy: one row per kind the policy limits, what it deleted (or why it failed).
CREATE TABLE voice_retention_runs (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(40)  NOT NULL,
    kind          VARCHAR(16)  NOT NULL,   -- recordings | transcripts
    cutoff        BIGINT       NOT NULL,   -- content created (recordings) or ended (transcripts) before this
    deleted_count INTEGER      NOT NULL,
    deleted_ids   TEXT,                    -- JSON array of recording ids; null for transcripts
    error         VARCHAR(500),
    ran_at        BIGINT       NOT NULL
);
CREATE INDEX voice_retention_runs_recent ON voice_retention_runs (workspace_id, id);
