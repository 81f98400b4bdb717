-- Outbound campaigns (package dev.herald.voice.campaigns owns all three tables). Portable SQL;
-- times are epoch milliseconds. Policies are JSON text in the wire's own shape.
--
-- The dialler of any node claims a campaign by a conditional UPDATE of lease_owner/lease_until
-- (compare-and-set), works it, and releases it; a node that dies keeps its lease until lease_until,
-- then another node takes the campaign over.
CREATE TABLE voice_campaigns (
    id                    VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id          VARCHAR(40)   NOT NULL,
    name                  VARCHAR(200),
    state                 VARCHAR(16)   NOT NULL,  -- CampaignState wire name
    profile_id            VARCHAR(40)   NOT NULL,
    objective             VARCHAR(64)   NOT NULL,
    calendar_connector_id VARCHAR(40),
    lead_count            INTEGER       NOT NULL,
    max_concurrent        INTEGER       NOT NULL,
    calls_per_minute      INTEGER       NOT NULL,
    retry_policy          TEXT          NOT NULL,  -- {"no_answer":{"max_attempts":3,"spacing_minutes":240},...}
    calling_window        TEXT          NOT NULL,  -- {"start":"08:00","end":"21:00","days":[...],"fallback_zones":[...]}
    start_at              BIGINT,
    next_wake_at          BIGINT,                  -- when a dialler should look next; null: nothing to do
    lease_owner           VARCHAR(64),
    lease_until           BIGINT,
    dials_placed          INTEGER       NOT NULL DEFAULT 0,
    created_at            BIGINT        NOT NULL,
    updated_at            BIGINT        NOT NULL,
    completed_at          BIGINT
);
CREATE INDEX voice_campaigns_by_workspace ON voice_campaigns (workspace_id, id);
CREATE INDEX voice_campaigns_due ON voice_campaigns (next_wake_at);

-- One row per lead of a campaign, in the order given. state is the lead's standing as of the
-- dialler's last look (LeadState wire name; 'waiting' is also derived from due_at at read time).
CREATE TABLE voice_campaign_leads (
    campaign_id   VARCHAR(40)  NOT NULL,
    lead_id       VARCHAR(40)  NOT NULL,
    position      INTEGER      NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    dials         INTEGER      NOT NULL DEFAULT 0,
    due_at        BIGINT,                 -- next dial no sooner than this (retry spacing, window)
    not_before    BIGINT,                 -- the compliance gate's deferral (window opens)
    last_outcome  VARCHAR(32),
    last_call_id  VARCHAR(40),
    refused_as    VARCHAR(32),
    refusal_reason VARCHAR(40),
    updated_at    BIGINT       NOT NULL,
    PRIMARY KEY (campaign_id, lead_id)
);
CREATE UNIQUE INDEX voice_campaign_leads_order ON voice_campaign_leads (campaign_id, position);

-- Every dial, recorded (status 'reserved') BEFORE the call is placed: the primary key makes a
-- second dial of one (lead, attempt) impossible, and a node taking over finds a reservation whose
-- placing it cannot confirm and places it again under the same idempotency key.
CREATE TABLE voice_campaign_dials (
    campaign_id   VARCHAR(40)  NOT NULL,
    lead_id       VARCHAR(40)  NOT NULL,
    attempt       INTEGER      NOT NULL,
    status        VARCHAR(16)  NOT NULL,  -- reserved | live | ended
    call_id       VARCHAR(40),
    node          VARCHAR(64)  NOT NULL,
    reserved_at   BIGINT       NOT NULL,
    ended_at      BIGINT,
    outcome       VARCHAR(32),
    verdict       TEXT,                   -- JSON summary of the verdict, when the call has one
    PRIMARY KEY (campaign_id, lead_id, attempt)
);
CREATE INDEX voice_campaign_dials_open ON voice_campaign_dials (campaign_id, status);
