-- A workspace's voice settings (package dev.herald.voice.workspace). A row exists once an admin set
-- them or a call was placed (placing inserts the defaults, with updated_at null, so PostgreSQL
-- placements can lock the row and the live-call limit holds across nodes).
CREATE TABLE voice_workspace_settings (
    workspace_id          VARCHAR(40)  NOT NULL PRIMARY KEY,
    time_zone             VARCHAR(64)  NOT NULL,
    max_concurrent_calls  INTEGER      NOT NULL,
    updated_at            BIGINT,
    updated_by            VARCHAR(64)
);
