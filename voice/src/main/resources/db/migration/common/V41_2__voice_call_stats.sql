-- Call metrics rollups (package dev.herald.voice.calls). Metrics over a long range read these
-- instead of every call row: sums per workspace and quarter hour (every zone's day boundary falls
-- on one, so days in any time zone are sums of quarter hours), and sums per workspace, UTC day and
-- one dimension (profile, campaign with '' for none, direction). Triggers (V41_3, one per store)
-- keep them equal to the calls in the writer's own transaction; the part of a range that is not
-- whole buckets is read from voice_calls. Columns: counts, talk time of answered calls (talk_ms,
-- timed = how many had a duration), and one count per outcome.
CREATE TABLE voice_call_stats_quarter (
    workspace_id VARCHAR(40)  NOT NULL,
    bucket       BIGINT       NOT NULL,
    calls        BIGINT NOT NULL,
    refused      BIGINT NOT NULL,
    dialled      BIGINT NOT NULL,
    answered     BIGINT NOT NULL,
    qualified    BIGINT NOT NULL,
    meetings     BIGINT NOT NULL,
    talk_ms      BIGINT NOT NULL,
    timed        BIGINT NOT NULL,
    o_qualified  BIGINT NOT NULL,
    o_unqualified BIGINT NOT NULL,
    o_no_answer  BIGINT NOT NULL,
    o_voicemail  BIGINT NOT NULL,
    o_busy       BIGINT NOT NULL,
    o_failed     BIGINT NOT NULL,
    o_do_not_call BIGINT NOT NULL,
    o_outside_calling_hours BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, bucket)
);
CREATE TABLE voice_call_stats_day (
    workspace_id VARCHAR(40)  NOT NULL,
    dimension    VARCHAR(16)  NOT NULL,
    day_start    BIGINT       NOT NULL,
    dim_value    VARCHAR(40)  NOT NULL,
    calls        BIGINT NOT NULL,
    refused      BIGINT NOT NULL,
    dialled      BIGINT NOT NULL,
    answered     BIGINT NOT NULL,
    qualified    BIGINT NOT NULL,
    meetings     BIGINT NOT NULL,
    talk_ms      BIGINT NOT NULL,
    timed        BIGINT NOT NULL,
    o_qualified  BIGINT NOT NULL,
    o_unqualified BIGINT NOT NULL,
    o_no_answer  BIGINT NOT NULL,
    o_voicemail  BIGINT NOT NULL,
    o_busy       BIGINT NOT NULL,
    o_failed     BIGINT NOT NULL,
    o_do_not_call BIGINT NOT NULL,
    o_outside_calling_hours BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, dimension, day_start, dim_value)
);
-- Calls stored before this migration.
INSERT INTO voice_call_stats_quarter (workspace_id, bucket, calls, refused, dialled, answered, qualified, meetings, talk_ms, timed, o_qualified, o_unqualified, o_no_answer, o_voicemail, o_busy, o_failed, o_do_not_call, o_outside_calling_hours)
    SELECT v.workspace_id, v.created_at - v.created_at % 900000, SUM(1), SUM(CASE WHEN v.status = 'refused' THEN 1 ELSE 0 END), SUM(CASE WHEN v.dialled_at IS NOT NULL OR v.answered_at IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN v.answered_at IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN v.qualified = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN v.meeting_booked = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN v.answered_at IS NOT NULL AND v.duration_ms IS NOT NULL THEN v.duration_ms ELSE 0 END), SUM(CASE WHEN v.answered_at IS NOT NULL AND v.duration_ms IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'qualified' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'unqualified' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'no_answer' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'voicemail' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'busy' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'failed' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'do_not_call' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'outside_calling_hours' THEN 1 ELSE 0 END)
    FROM voice_calls v GROUP BY v.workspace_id, v.created_at - v.created_at % 900000;
INSERT INTO voice_call_stats_day (workspace_id, dimension, day_start, dim_value, calls, refused, dialled, answered, qualified, meetings, talk_ms, timed, o_qualified, o_unqualified, o_no_answer, o_voicemail, o_busy, o_failed, o_do_not_call, o_outside_calling_hours)
    SELECT v.workspace_id, 'profile', v.created_at - v.created_at % 86400000, v.profile_id, SUM(1), SUM(CASE WHEN v.status = 'refused' THEN 1 ELSE 0 END), SUM(CASE WHEN v.dialled_at IS NOT NULL OR v.answered_at IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN v.answered_at IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN v.qualified = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN v.meeting_booked = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN v.answered_at IS NOT NULL AND v.duration_ms IS NOT NULL THEN v.duration_ms ELSE 0 END), SUM(CASE WHEN v.answered_at IS NOT NULL AND v.duration_ms IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'qualified' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'unqualified' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'no_answer' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'voicemail' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'busy' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'failed' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'do_not_call' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'outside_calling_hours' THEN 1 ELSE 0 END)
    FROM voice_calls v GROUP BY v.workspace_id, v.created_at - v.created_at % 86400000, v.profile_id;
INSERT INTO voice_call_stats_day (workspace_id, dimension, day_start, dim_value, calls, refused, dialled, answered, qualified, meetings, talk_ms, timed, o_qualified, o_unqualified, o_no_answer, o_voicemail, o_busy, o_failed, o_do_not_call, o_outside_calling_hours)
    SELECT v.workspace_id, 'campaign', v.created_at - v.created_at % 86400000, COALESCE(v.campaign_id, ''), SUM(1), SUM(CASE WHEN v.status = 'refused' THEN 1 ELSE 0 END), SUM(CASE WHEN v.dialled_at IS NOT NULL OR v.answered_at IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN v.answered_at IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN v.qualified = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN v.meeting_booked = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN v.answered_at IS NOT NULL AND v.duration_ms IS NOT NULL THEN v.duration_ms ELSE 0 END), SUM(CASE WHEN v.answered_at IS NOT NULL AND v.duration_ms IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'qualified' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'unqualified' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'no_answer' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'voicemail' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'busy' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'failed' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'do_not_call' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'outside_calling_hours' THEN 1 ELSE 0 END)
    FROM voice_calls v GROUP BY v.workspace_id, v.created_at - v.created_at % 86400000, COALESCE(v.campaign_id, '');
INSERT INTO voice_call_stats_day (workspace_id, dimension, day_start, dim_value, calls, refused, dialled, answered, qualified, meetings, talk_ms, timed, o_qualified, o_unqualified, o_no_answer, o_voicemail, o_busy, o_failed, o_do_not_call, o_outside_calling_hours)
    SELECT v.workspace_id, 'direction', v.created_at - v.created_at % 86400000, v.direction, SUM(1), SUM(CASE WHEN v.status = 'refused' THEN 1 ELSE 0 END), SUM(CASE WHEN v.dialled_at IS NOT NULL OR v.answered_at IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN v.answered_at IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN v.qualified = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN v.meeting_booked = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN v.answered_at IS NOT NULL AND v.duration_ms IS NOT NULL THEN v.duration_ms ELSE 0 END), SUM(CASE WHEN v.answered_at IS NOT NULL AND v.duration_ms IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'qualified' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'unqualified' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'no_answer' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'voicemail' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'busy' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'failed' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'do_not_call' THEN 1 ELSE 0 END), SUM(CASE WHEN v.outcome = 'outside_calling_hours' THEN 1 ELSE 0 END)
    FROM voice_calls v GROUP BY v.workspace_id, v.created_at - v.created_at % 86400000, v.direction;
