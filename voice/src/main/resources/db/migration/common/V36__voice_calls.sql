-- Calls of the voice module (package dev.herald.voice.calls owns both tables). Portable SQL; times
-- are epoch milliseconds. A call is one row from the moment it is asked for (or refused by the
-- compliance gate) to its end; its governed realtime session is linked by session_id/project_id.
CREATE TABLE voice_calls (
    id                    VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id          VARCHAR(40)   NOT NULL,
    direction             VARCHAR(16)   NOT NULL,  -- inbound | outbound | test
    status                VARCHAR(16)   NOT NULL,  -- queued | refused | dialling | in_progress | ended | failed
    provider              VARCHAR(32)   NOT NULL,  -- simulated | openai-realtime | twilio
    lead_id               VARCHAR(40),
    profile_id            VARCHAR(40)   NOT NULL,
    profile_version       INTEGER       NOT NULL,
    objective             VARCHAR(64)   NOT NULL,
    campaign_id           VARCHAR(40),
    attempt               INTEGER       NOT NULL DEFAULT 1,
    number_id             VARCHAR(40),
    from_number           VARCHAR(20),
    to_number             VARCHAR(20),
    calendar_connector_id VARCHAR(40),
    outcome               VARCHAR(32),             -- CallOutcome wire name, set when the call is over
    refusal_reason        VARCHAR(40),             -- RefusalReason wire name when the gate refused
    end_reason            VARCHAR(40),             -- EndReason wire name
    provider_end_code     VARCHAR(100),
    qualified             INTEGER,                 -- 1/0 once a verdict exists
    meeting_booked        INTEGER       NOT NULL DEFAULT 0,
    duration_ms           BIGINT,
    cost_micros           BIGINT,
    cost_currency         VARCHAR(3),
    verdict               TEXT,                    -- JSON
    summary               TEXT,
    transcript            TEXT,                    -- JSON array of turns; null once purged by retention
    transcript_purged_at  BIGINT,
    session_id            VARCHAR(40),
    project_id            VARCHAR(40),
    chain_head_hash       VARCHAR(100),
    lease_owner           VARCHAR(64),             -- the node running the call, while it runs
    lease_until           BIGINT,
    hangup_requested_at   BIGINT,
    idempotency_key       VARCHAR(255),
    created_at            BIGINT        NOT NULL,
    dialled_at            BIGINT,
    answered_at           BIGINT,
    ended_at              BIGINT,
    updated_at            BIGINT        NOT NULL
);
CREATE INDEX voice_calls_recent ON voice_calls (workspace_id, created_at, id);
CREATE INDEX voice_calls_by_lead ON voice_calls (workspace_id, lead_id, created_at);
CREATE INDEX voice_calls_by_profile ON voice_calls (workspace_id, profile_id, created_at);
CREATE INDEX voice_calls_by_campaign ON voice_calls (campaign_id, lead_id, attempt);
CREATE INDEX voice_calls_by_outcome ON voice_calls (workspace_id, outcome, created_at);
CREATE INDEX voice_calls_live ON voice_calls (status, lease_until);
CREATE UNIQUE INDEX voice_calls_one_per_attempt ON voice_calls (campaign_id, lead_id, attempt);
CREATE UNIQUE INDEX voice_calls_idempotency ON voice_calls (workspace_id, idempotency_key);

-- What happened on a call, in order: lifecycle changes, partial and final utterances, tool calls
-- and their decisions, turn decisions, the verdict. seq counts from 1 per call; (call_id, seq) is
-- the live stream's event id, so a subscriber resumes with Last-Event-ID on any node.
CREATE TABLE voice_call_events (
    call_id       VARCHAR(40)  NOT NULL,
    seq           INTEGER      NOT NULL,
    workspace_id  VARCHAR(40)  NOT NULL,
    type          VARCHAR(40)  NOT NULL,
    data          TEXT         NOT NULL,           -- JSON object
    created_at    BIGINT       NOT NULL,
    PRIMARY KEY (call_id, seq)
);
CREATE INDEX voice_call_events_by_workspace ON voice_call_events (workspace_id, created_at, call_id, seq);
