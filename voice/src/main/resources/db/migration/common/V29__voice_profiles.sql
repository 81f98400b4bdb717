-- Agent voice profiles (package dev.herald.voice.profiles owns both tables). Portable SQL; times are
-- epoch milliseconds. A profile row points at its current version; versions are immutable, so a call
-- that recorded version 3 can be replayed against exactly what it ran with.
CREATE TABLE voice_profiles (
    id               VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id     VARCHAR(40)   NOT NULL,
    name             VARCHAR(200)  NOT NULL,
    current_version  INTEGER       NOT NULL,
    created_at       BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL
);
CREATE INDEX voice_profiles_by_workspace ON voice_profiles (workspace_id, id);

CREATE TABLE voice_profile_versions (
    profile_id   VARCHAR(40)  NOT NULL,
    version      INTEGER      NOT NULL,
    document     TEXT         NOT NULL,  -- the profile's wire JSON (snake_case), without id/version/times
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (profile_id, version)
);
