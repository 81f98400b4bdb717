package dev.herald.voice.calls;

import dev.herald.platform.store.Database;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes call rows straight into {@code voice_calls} for tests of the read side (the write side,
 * which runs calls, is another package's). A row starts as an answered, ended, unqualified
 * outbound call created at {@code at}; the setters change what a test needs.
 */
final class CallRows {
    private static final AtomicLong SEQ = new AtomicLong();

    /** A call id of the shape {@code Ids} makes, unique in the test run. */
    static String newId() {
        return String.format("call_%026x", SEQ.incrementAndGet() + System.nanoTime());
    }

    static Row call(String workspaceId, Instant at) {
        return new Row(newId(), workspaceId, at.toEpochMilli());
    }

    static final class Row {
        final String id;
        final String workspaceId;
        long createdAt;
        String direction = "outbound";
        String status = "ended";
        /** A lead of its own by default (a campaign has one call per lead and attempt). */
        String leadId = "lead_" + newId().substring("call_".length());
        String profileId = "vpr_" + "1".repeat(26);
        int profileVersion = 1;
        String campaignId;
        String outcome = "unqualified";
        String refusalReason;
        String endReason = "agent_ended";
        String providerEndCode;
        Integer qualified = 0;
        boolean meetingBooked;
        Long dialledAfterMs = 0L;
        Long answeredAfterMs = 2_000L;
        Long durationMs = 60_000L;
        Long costMicros;
        String transcript;
        String verdict;
        String summary;
        String sessionId;
        String chainHeadHash;

        Row(String id, String workspaceId, long createdAt) {
            this.id = id;
            this.workspaceId = workspaceId;
            this.createdAt = createdAt;
        }

        Row direction(String v) { direction = v; return this; }
        Row lead(String v) { leadId = v; return this; }
        Row profile(String v, int version) { profileId = v; profileVersion = version; return this; }
        Row campaign(String v) { campaignId = v; return this; }
        Row duration(Long v) { durationMs = v; return this; }
        Row meeting() { meetingBooked = true; return this; }
        Row cost(long micros) { costMicros = micros; return this; }
        Row transcript(String json) { transcript = json; return this; }
        Row verdict(String json, String text) { verdict = json; summary = text; return this; }
        Row session(String id, String head) { sessionId = id; chainHeadHash = head; return this; }
        Row endCode(String v) { providerEndCode = v; return this; }

        Row qualified() {
            outcome = "qualified";
            qualified = 1;
            return this;
        }

        /** Dialled, nobody picked up. */
        Row unanswered(String outcomeWire, String endReasonWire) {
            outcome = outcomeWire;
            endReason = endReasonWire;
            answeredAfterMs = null;
            durationMs = null;
            qualified = null;
            return this;
        }

        /** Refused by the compliance gate: never dialled. */
        Row refused(String outcomeWire, String reason) {
            status = "refused";
            outcome = outcomeWire;
            refusalReason = reason;
            endReason = "compliance_refused";
            dialledAfterMs = null;
            answeredAfterMs = null;
            durationMs = null;
            qualified = null;
            return this;
        }

        /** Still being dialled: nothing has ended. */
        Row live() {
            status = "dialling";
            outcome = null;
            endReason = null;
            answeredAfterMs = null;
            durationMs = null;
            qualified = null;
            return this;
        }

        Row insert(Database db) {
            db.write(h -> h.createUpdate("""
                    INSERT INTO voice_calls (id, workspace_id, direction, status, provider, lead_id, profile_id,
                        profile_version, objective, campaign_id, attempt, from_number, to_number, outcome,
                        refusal_reason, end_reason, provider_end_code, qualified, meeting_booked, duration_ms,
                        cost_micros, cost_currency, verdict, summary, transcript, session_id, project_id,
                        chain_head_hash, created_at, dialled_at, answered_at, ended_at, updated_at)
                    VALUES (:id, :ws, :direction, :status, 'simulated', :lead, :profile, :version,
                        'qualify_for_demo', :campaign, 1, '+12025550100', '+12025550123', :outcome, :refusal,
                        :endReason, :endCode, :qualified, :meeting, :duration, :cost, :currency, :verdict, :summary,
                        :transcript, :session, :project, :head, :at, :dialled, :answered, :ended, :at)""")
                    .bind("id", id).bind("ws", workspaceId).bind("direction", direction).bind("status", status)
                    .bind("lead", leadId).bind("profile", profileId).bind("version", profileVersion)
                    .bind("campaign", campaignId).bind("outcome", outcome).bind("refusal", refusalReason)
                    .bind("endReason", endReason).bind("endCode", providerEndCode).bind("qualified", qualified)
                    .bind("meeting", meetingBooked ? 1 : 0).bind("duration", durationMs).bind("cost", costMicros)
                    .bind("currency", costMicros == null ? null : "USD").bind("verdict", verdict)
                    .bind("summary", summary).bind("transcript", transcript).bind("session", sessionId)
                    .bind("project", sessionId == null ? null : "prj_" + "2".repeat(26)).bind("head", chainHeadHash)
                    .bind("at", createdAt)
                    .bind("dialled", dialledAfterMs == null ? null : createdAt + dialledAfterMs)
                    .bind("answered", answeredAfterMs == null ? null : createdAt + answeredAfterMs)
                    .bind("ended", "ended".equals(status) ? createdAt + 90_000L : null)
                    .execute());
            return this;
        }
    }

    private CallRows() {
    }
}
