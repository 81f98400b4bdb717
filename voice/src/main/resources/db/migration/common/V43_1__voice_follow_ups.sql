-- Follow-ups the agent asked for at the end of a call (package dev.herald.voice.followups owns the
-- table). Herald sends no messages itself: each row is handed to the customer's system by the
-- call.follow_up.requested webhook, queued in the transaction that writes the row. Portable SQL;
-- times are epoch milliseconds.
CREATE TABLE voice_follow_ups (
    id              VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id    VARCHAR(40)   NOT NULL,
    call_id         VARCHAR(40)   NOT NULL,
    lead_id         VARCHAR(40)   NOT NULL,
    channel         VARCHAR(16)   NOT NULL,  -- email | sms
    recipient       VARCHAR(254)  NOT NULL,  -- the lead's email address, or its E.164 number for sms
    reasons         TEXT          NOT NULL,  -- JSON array of FollowUpReason wire names
    subject         VARCHAR(200)  NOT NULL,
    body            TEXT,                    -- the rendered message; null once retention purged it
    body_purged_at  BIGINT,
    meeting_start   BIGINT,                  -- the meeting booked on the call, if any
    meeting_end     BIGINT,
    meeting_zone    VARCHAR(64),
    status          VARCHAR(16)   NOT NULL,  -- requested: handed to the customer's system
    created_at      BIGINT        NOT NULL
);
-- One follow-up per call: a retried tool call finds the first one.
CREATE UNIQUE INDEX voice_follow_ups_one_per_call ON voice_follow_ups (call_id);
CREATE INDEX voice_follow_ups_by_workspace ON voice_follow_ups (workspace_id, id);
CREATE INDEX voice_follow_ups_by_lead ON voice_follow_ups (workspace_id, lead_id, id);
CREATE INDEX voice_follow_ups_by_age ON voice_follow_ups (workspace_id, created_at);
