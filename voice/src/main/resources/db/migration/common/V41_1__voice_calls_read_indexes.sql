-- The read side of calls (package dev.herald.voice.calls): lists are newest first on
-- (created_at, id) with a keyset cursor, so every filter's index ends in (created_at, id) and
-- both stores walk it backwards and stop after one page. The V36 indexes on lead, profile and
-- outcome are the same indexes without the id; these replace them (same leading columns, so
-- whatever used them uses these).
DROP INDEX voice_calls_by_lead;
DROP INDEX voice_calls_by_profile;
DROP INDEX voice_calls_by_outcome;
CREATE INDEX voice_calls_lead_recent ON voice_calls (workspace_id, lead_id, created_at, id);
CREATE INDEX voice_calls_profile_recent ON voice_calls (workspace_id, profile_id, created_at, id);
CREATE INDEX voice_calls_outcome_recent ON voice_calls (workspace_id, outcome, created_at, id);
CREATE INDEX voice_calls_direction_recent ON voice_calls (workspace_id, direction, created_at, id);
CREATE INDEX voice_calls_campaign_recent ON voice_calls (workspace_id, campaign_id, created_at, id);
-- Metrics read only these columns of a range of created_at: a covering index lets both stores
-- aggregate without touching the rows (which carry transcripts and verdicts).
CREATE INDEX voice_calls_metrics ON voice_calls (workspace_id, created_at, status, direction, profile_id,
    campaign_id, outcome, qualified, meeting_booked, dialled_at, answered_at, duration_ms);
