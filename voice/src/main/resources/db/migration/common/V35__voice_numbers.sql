-- Inbound numbers (package dev.herald.voice.numbers owns the table). Portable SQL; times are epoch
-- milliseconds. A number (canonical E.164) routes calls to a profile and one of its objectives.
CREATE TABLE voice_numbers (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(40)   NOT NULL,
    number        VARCHAR(20)   NOT NULL,
    profile_id    VARCHAR(40)   NOT NULL,
    objective     VARCHAR(64)   NOT NULL,
    provider      VARCHAR(32)   NOT NULL,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL
);
CREATE UNIQUE INDEX voice_numbers_unique ON voice_numbers (workspace_id, number);
CREATE INDEX voice_numbers_by_workspace ON voice_numbers (workspace_id, id);
