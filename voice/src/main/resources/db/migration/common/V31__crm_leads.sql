-- Herald's own lead store, the CRM (package dev.herald.voice.crm owns both tables). Portable SQL;
-- times are epoch milliseconds. A workspace holds each E.164 phone number once: the unique index
-- is what turns a second lead with the same number into a conflict, even between two nodes.
CREATE TABLE crm_leads (
    id                   VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id         VARCHAR(40)   NOT NULL,
    name                 VARCHAR(200),
    phone                VARCHAR(20)   NOT NULL,  -- canonical E.164
    email                VARCHAR(254),
    company              VARCHAR(200),
    time_zone            VARCHAR(64),              -- IANA region name
    custom_fields        TEXT          NOT NULL,  -- JSON object of strings
    consent              VARCHAR(16)   NOT NULL,  -- granted | denied | unknown
    do_not_call          INTEGER       NOT NULL,  -- 1/0
    status               VARCHAR(20)   NOT NULL,  -- LeadStatus wire name
    owner                VARCHAR(200),
    -- The latest verdict, copied from crm_lead_verdicts so a list shows it without a join.
    verdict_count        INTEGER       NOT NULL DEFAULT 0,
    last_call_id         VARCHAR(40),
    last_outcome         VARCHAR(32),
    last_qualified       INTEGER,
    last_score           INTEGER,
    last_session_id      VARCHAR(40),
    last_chain_head_hash VARCHAR(100),
    last_verdict_at      BIGINT,
    created_at           BIGINT        NOT NULL,
    updated_at           BIGINT        NOT NULL
);
CREATE UNIQUE INDEX crm_leads_phone ON crm_leads (workspace_id, phone);
CREATE INDEX crm_leads_by_workspace ON crm_leads (workspace_id, id);
CREATE INDEX crm_leads_by_status ON crm_leads (workspace_id, status, id);

-- Every verdict a call wrote back to a lead, kept forever (retention purges transcripts, not
-- this): the call, its governed session and the attestation chain head that proves what was said.
-- One row per (lead, call): a call writes back once.
CREATE TABLE crm_lead_verdicts (
    lead_id          VARCHAR(40)   NOT NULL,
    call_id          VARCHAR(40)   NOT NULL,
    workspace_id     VARCHAR(40)   NOT NULL,
    outcome          VARCHAR(32)   NOT NULL,  -- CallOutcome wire name
    qualified        INTEGER       NOT NULL,  -- 1/0
    score            INTEGER       NOT NULL,  -- 0..100
    answers          TEXT          NOT NULL,  -- JSON object by question key
    meeting          TEXT,                    -- JSON {start, end, time_zone} or null
    follow_up        TEXT          NOT NULL,  -- JSON array of FollowUpReason wire names
    summary          TEXT,
    session_id       VARCHAR(40),
    chain_head_hash  VARCHAR(100),
    occurred_at      BIGINT        NOT NULL,  -- when the call ended
    created_at       BIGINT        NOT NULL,
    PRIMARY KEY (lead_id, call_id)
);
CREATE INDEX crm_lead_verdicts_by_lead ON crm_lead_verdicts (workspace_id, lead_id, occurred_at);
