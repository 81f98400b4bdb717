package dev.herald.voice.calls;

import dev.herald.voice.core.call.CallCost;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL of {@code voice_calls} for the write side: rows, the live counts the compliance gate
 * needs, and the lease a running call holds. Every state change is a guarded UPDATE (it names the
 * state it leaves), so two nodes never both move one call. Runs in the caller's transaction.
 */
final class CallStore {
    static final String LIVE = "('queued', 'dialling', 'in_progress')";
    private static final String COLUMNS = "SELECT id, workspace_id, direction, status, provider, lead_id, profile_id, "
            + "profile_version, objective, campaign_id, attempt, calendar_connector_id, outcome, refusal_reason, "
            + "end_reason, provider_end_code, duration_ms, qualified, meeting_booked, session_id, project_id, "
            + "chain_head_hash, created_at, answered_at, ended_at, hangup_requested_at, summary FROM voice_calls ";

    /** A new row: queued, or refused by the gate (then with its outcome and reason, ended at once). */
    record NewCall(String id, String workspaceId, PlaceCall req, String provider, int profileVersion,
                   String objective, String status, String outcome, String refusalReason, String endReason,
                   long now) {
    }

    /** What a finished call writes on its row. */
    record Finish(String id, String status, String outcome, String endReason, String providerEndCode,
                  long durationMs, String transcriptJson, String summary, String verdictJson, Boolean qualified,
                  boolean meetingBooked, String sessionId, String projectId, String chainHeadHash, Long answeredAt,
                  long endedAt, CallCost cost) {
        // answeredAt: null keeps the instant the answer was recorded when it happened.
    }

    void insert(Handle h, NewCall c) {
        PlaceCall r = c.req();
        h.createUpdate("INSERT INTO voice_calls (id, workspace_id, direction, status, provider, lead_id, profile_id, "
                        + "profile_version, objective, campaign_id, attempt, number_id, from_number, to_number, "
                        + "calendar_connector_id, outcome, refusal_reason, end_reason, idempotency_key, created_at, "
                        + "ended_at, updated_at) VALUES (:id, :w, :dir, :st, :prov, :lead, :prof, :pv, :obj, :cmp, "
                        + ":att, :num, :from, :to, :cal, :out, :ref, :end, :key, :now, :ended, :now)")
                .bind("id", c.id()).bind("w", c.workspaceId()).bind("dir", r.direction()).bind("st", c.status())
                .bind("prov", c.provider()).bind("lead", r.leadId()).bind("prof", r.profileId())
                .bind("pv", c.profileVersion()).bind("obj", c.objective()).bind("cmp", r.campaignId())
                .bind("att", r.attempt()).bind("num", r.numberId()).bind("from", r.fromNumber())
                .bind("to", r.toNumber()).bind("cal", r.calendarConnectorId()).bind("out", c.outcome())
                .bind("ref", c.refusalReason()).bind("end", c.endReason()).bind("key", r.idempotencyKey())
                .bind("now", c.now()).bind("ended", c.outcome() == null ? null : c.now()).execute();
    }

    Optional<CallRecord> find(Handle h, String workspaceId, String id) {
        return h.createQuery(COLUMNS + "WHERE workspace_id = :w AND id = :id").bind("w", workspaceId).bind("id", id)
                .map(CallStore::row).findOne();
    }

    /** The workspace's calls among {@code ids} (unknown ids are left out), in chunks the drivers take. */
    List<CallRecord> byIds(Handle h, String workspaceId, java.util.Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<CallRecord> out = new java.util.ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += 500) {
            out.addAll(h.createQuery(COLUMNS + "WHERE workspace_id = :w AND id IN (<ids>)").bind("w", workspaceId)
                    .bindList("ids", all.subList(from, Math.min(all.size(), from + 500))).map(CallStore::row).list());
        }
        return out;
    }

    Optional<CallRecord> byId(Handle h, String id) {
        return h.createQuery(COLUMNS + "WHERE id = :id").bind("id", id).map(CallStore::row).findOne();
    }

    Optional<CallRecord> byKey(Handle h, String workspaceId, String key) {
        return h.createQuery(COLUMNS + "WHERE workspace_id = :w AND idempotency_key = :k").bind("w", workspaceId)
                .bind("k", key).map(CallStore::row).findOne();
    }

    Optional<CallRecord> byAttempt(Handle h, String campaignId, String leadId, int attempt) {
        return h.createQuery(COLUMNS + "WHERE campaign_id = :c AND lead_id = :l AND attempt = :a")
                .bind("c", campaignId).bind("l", leadId).bind("a", attempt).map(CallStore::row).findOne();
    }

    List<CallRecord> ofCampaign(Handle h, String workspaceId, String campaignId) {
        return h.createQuery(COLUMNS + "WHERE workspace_id = :w AND campaign_id = :c ORDER BY created_at, id")
                .bind("w", workspaceId).bind("c", campaignId).map(CallStore::row).list();
    }

    int liveInWorkspace(Handle h, String workspaceId) {
        return h.createQuery("SELECT COUNT(*) FROM voice_calls WHERE workspace_id = :w AND status IN " + LIVE)
                .bind("w", workspaceId).mapTo(Integer.class).one();
    }

    int liveInCampaign(Handle h, String campaignId) {
        if (campaignId == null) {
            return 0;
        }
        return h.createQuery("SELECT COUNT(*) FROM voice_calls WHERE campaign_id = :c AND status IN " + LIVE)
                .bind("c", campaignId).mapTo(Integer.class).one();
    }

    /** Queued calls, oldest first. */
    List<String> queued(Handle h, int limit) {
        return h.createQuery("SELECT id FROM voice_calls WHERE status = 'queued' ORDER BY created_at, id LIMIT :n")
                .bind("n", limit).mapTo(String.class).list();
    }

    /** Takes a queued call for this node: true when it was still queued. */
    boolean claim(Handle h, String id, String node, long leaseUntil, long now) {
        return h.createUpdate("UPDATE voice_calls SET status = 'dialling', lease_owner = :n, lease_until = :u, "
                        + "dialled_at = :now, updated_at = :now WHERE id = :id AND status = 'queued'")
                .bind("n", node).bind("u", leaseUntil).bind("now", now).bind("id", id).execute() == 1;
    }

    /** A driven call (a test call) is held by {@code owner} from the start: no runner ever claims it. */
    void hold(Handle h, String id, String owner, long leaseUntil, long now) {
        h.createUpdate("UPDATE voice_calls SET lease_owner = :o, lease_until = :u, dialled_at = :now, updated_at = :now "
                        + "WHERE id = :id").bind("o", owner).bind("u", leaseUntil).bind("now", now).bind("id", id)
                .execute();
    }

    /** The stored content of a call: transcript JSON (null when purged), summary, verdict JSON. */
    Optional<CallService.Content> content(Handle h, String workspaceId, String id) {
        return h.createQuery("SELECT transcript, summary, verdict FROM voice_calls WHERE workspace_id = :w AND id = :id")
                .bind("w", workspaceId).bind("id", id)
                .map((rs, ctx) -> new CallService.Content(rs.getString("transcript"), rs.getString("summary"),
                        rs.getString("verdict"))).findOne();
    }

    /** Extends this node's lease; false when the call is no longer this node's (it was declared lost). */
    boolean renew(Handle h, String id, String node, long leaseUntil) {
        return h.createUpdate("UPDATE voice_calls SET lease_until = :u WHERE id = :id AND lease_owner = :n "
                        + "AND status IN ('dialling', 'in_progress')")
                .bind("u", leaseUntil).bind("id", id).bind("n", node).execute() == 1;
    }

    void session(Handle h, String id, String sessionId, String projectId, long now) {
        h.createUpdate("UPDATE voice_calls SET session_id = :s, project_id = :p, updated_at = :now WHERE id = :id")
                .bind("s", sessionId).bind("p", projectId).bind("now", now).bind("id", id).execute();
    }

    void chainHead(Handle h, String id, String head) {
        h.createUpdate("UPDATE voice_calls SET chain_head_hash = :head WHERE id = :id").bind("head", head)
                .bind("id", id).execute();
    }

    void answered(Handle h, String id, long at) {
        h.createUpdate("UPDATE voice_calls SET status = 'in_progress', answered_at = :t, updated_at = :t "
                        + "WHERE id = :id AND status = 'dialling'")
                .bind("t", at).bind("id", id).execute();
    }

    Optional<Long> hangupRequestedAt(Handle h, String id) {
        return h.createQuery("SELECT hangup_requested_at FROM voice_calls WHERE id = :id").bind("id", id)
                .mapTo(Long.class).findOne();
    }

    /** Asks a live call to hang up; false when it is not live (any more). */
    boolean requestHangup(Handle h, String workspaceId, String id, long now) {
        return h.createUpdate("UPDATE voice_calls SET hangup_requested_at = COALESCE(hangup_requested_at, :now), "
                        + "updated_at = :now WHERE workspace_id = :w AND id = :id AND status IN " + LIVE)
                .bind("now", now).bind("w", workspaceId).bind("id", id).execute() == 1;
    }

    /**
     * Writes the end of a call this node runs. False (and nothing written) when the call is no
     * longer this node's: another node declared it lost, so its end was already recorded.
     */
    boolean finish(Handle h, Finish f, String node) {
        return h.createUpdate("UPDATE voice_calls SET status = :st, outcome = :out, end_reason = :end, "
                        + "provider_end_code = :code, duration_ms = :dur, transcript = :tr, summary = :sum, "
                        + "verdict = :ver, qualified = :q, meeting_booked = :mb, session_id = :s, project_id = :p, "
                        + "chain_head_hash = :head, answered_at = COALESCE(answered_at, :ans), ended_at = :t, "
                        + "cost_micros = :cost, cost_currency = :currency, "
                        + "lease_owner = NULL, lease_until = NULL, updated_at = :t "
                        + "WHERE id = :id AND lease_owner = :n AND status IN ('dialling', 'in_progress')")
                .bind("st", f.status()).bind("out", f.outcome()).bind("end", f.endReason())
                .bind("code", f.providerEndCode()).bind("dur", f.durationMs()).bind("tr", f.transcriptJson())
                .bind("sum", f.summary()).bind("ver", f.verdictJson())
                .bind("q", f.qualified() == null ? null : f.qualified() ? 1 : 0).bind("mb", f.meetingBooked() ? 1 : 0)
                .bind("s", f.sessionId()).bind("p", f.projectId()).bind("head", f.chainHeadHash())
                .bind("ans", f.answeredAt()).bind("t", f.endedAt()).bind("id", f.id()).bind("n", node)
                .bind("cost", f.cost() == null ? null : f.cost().amountMicros())
                .bind("currency", f.cost() == null ? null : f.cost().currency())
                .execute() == 1;
    }

    /** Running calls whose node stopped renewing its lease. */
    List<CallRecord> expired(Handle h, long now, int limit) {
        return h.createQuery(COLUMNS + "WHERE status IN ('dialling', 'in_progress') AND lease_until < :now "
                        + "ORDER BY lease_until LIMIT :n")
                .bind("now", now).bind("n", limit).map(CallStore::row).list();
    }

    /** Fails a call whose lease expired, once: false when someone else already did (or it came back). */
    boolean failLost(Handle h, String id, long leaseSeen, String chainHead, long now) {
        return h.createUpdate("UPDATE voice_calls SET status = 'failed', outcome = 'failed', end_reason = 'node_lost', "
                        + "provider_end_code = 'herald:lease_expired', chain_head_hash = COALESCE(:head, chain_head_hash), "
                        + "ended_at = :now, lease_owner = NULL, lease_until = NULL, updated_at = :now "
                        + "WHERE id = :id AND status IN ('dialling', 'in_progress') AND lease_until = :seen")
                .bind("head", chainHead).bind("now", now).bind("id", id).bind("seen", leaseSeen).execute() == 1;
    }

    /**
     * Drops the transcripts of the workspace's calls ended before {@code before}; how many. The
     * words also leave the calls' event logs: each utterance event keeps its place in the stream
     * (its sequence number, type and times) but its data says only {@code purged}.
     */
    int purgeTranscripts(Handle h, String workspaceId, long before, long now) {
        h.createUpdate("UPDATE voice_call_events SET data = :purged WHERE workspace_id = :w "
                        + "AND type IN ('utterance.partial', 'utterance.final') AND data <> :purged AND call_id IN "
                        + "(SELECT id FROM voice_calls WHERE workspace_id = :w AND ended_at < :b)")
                .bind("purged", PURGED_EVENT).bind("w", workspaceId).bind("b", before).execute();
        return h.createUpdate("UPDATE voice_calls SET transcript = NULL, transcript_purged_at = :now, updated_at = :now "
                        + "WHERE workspace_id = :w AND ended_at < :b AND transcript IS NOT NULL")
                .bind("now", now).bind("w", workspaceId).bind("b", before).execute();
    }

    /** What an utterance event's data becomes once retention purged the call's transcript. */
    static final String PURGED_EVENT = "{\"purged\":true}";

    private static CallRecord row(ResultSet rs, StatementContext ctx) throws SQLException {
        return new CallRecord(rs.getString("id"), rs.getString("workspace_id"), rs.getString("direction"),
                rs.getString("status"), rs.getString("provider"), rs.getString("lead_id"), rs.getString("profile_id"),
                rs.getInt("profile_version"), rs.getString("objective"), rs.getString("campaign_id"),
                rs.getInt("attempt"), rs.getString("calendar_connector_id"), rs.getString("outcome"),
                rs.getString("refusal_reason"), rs.getString("end_reason"), rs.getString("provider_end_code"),
                nullableLong(rs, "duration_ms"), nullableInt(rs, "qualified") == null ? null
                        : nullableInt(rs, "qualified") == 1, rs.getInt("meeting_booked") == 1,
                rs.getString("session_id"), rs.getString("project_id"), rs.getString("chain_head_hash"),
                instant(rs, "created_at"), instant(rs, "answered_at"), instant(rs, "ended_at"),
                instant(rs, "hangup_requested_at"), rs.getString("summary"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Long v = nullableLong(rs, column);
        return v == null ? null : Instant.ofEpochMilli(v);
    }
}
