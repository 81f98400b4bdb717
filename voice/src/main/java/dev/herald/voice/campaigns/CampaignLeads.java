package dev.herald.voice.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.campaign.Attempt;
import dev.herald.voice.core.campaign.LeadHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A campaign's leads and dials as read by one dial round, kept in step with what the round writes,
 * and turned into the core's {@link LeadHistory} values. Not thread-safe (one round owns it).
 */
final class CampaignLeads {
    /** A {@code voice_campaign_leads} row. */
    record Lead(String leadId, int position, String state, int dials, Long dueAt, Long notBefore, String lastOutcome,
                String lastCallId, String refusedAs, String refusalReason) {
    }

    /** A {@code voice_campaign_dials} row; status reserved | live | ended. */
    record DialRow(String leadId, int attempt, String status, String callId, long reservedAt, Long endedAt,
                   String outcome) {
        Attempt asAttempt() {
            if (!"ended".equals(status)) {
                return Attempt.live(Instant.ofEpochMilli(reservedAt));
            }
            return Attempt.ended(Instant.ofEpochMilli(reservedAt), Instant.ofEpochMilli(Math.max(endedAt, reservedAt)),
                    CallOutcome.fromWire(outcome).orElseThrow());
        }
    }

    final Map<String, Lead> leads = new LinkedHashMap<>();
    final Map<String, List<DialRow>> dials = new LinkedHashMap<>();

    static CampaignLeads load(Handle h, String campaignId) {
        CampaignLeads all = new CampaignLeads();
        h.createQuery("""
                        SELECT lead_id, position, state, dials, due_at, not_before, last_outcome, last_call_id,
                            refused_as, refusal_reason FROM voice_campaign_leads WHERE campaign_id = :c ORDER BY position""")
                .bind("c", campaignId)
                .map((rs, ctx) -> new Lead(rs.getString("lead_id"), rs.getInt("position"), rs.getString("state"),
                        rs.getInt("dials"), CampaignRow.nullableLong(rs, "due_at"),
                        CampaignRow.nullableLong(rs, "not_before"), rs.getString("last_outcome"),
                        rs.getString("last_call_id"), rs.getString("refused_as"), rs.getString("refusal_reason")))
                .forEach(l -> {
                    all.leads.put(l.leadId(), l);
                    all.dials.put(l.leadId(), new ArrayList<>());
                });
        h.createQuery("""
                        SELECT lead_id, attempt, status, call_id, reserved_at, ended_at, outcome
                        FROM voice_campaign_dials WHERE campaign_id = :c ORDER BY lead_id, attempt""")
                .bind("c", campaignId)
                .map((rs, ctx) -> new DialRow(rs.getString("lead_id"), rs.getInt("attempt"), rs.getString("status"),
                        rs.getString("call_id"), rs.getLong("reserved_at"), CampaignRow.nullableLong(rs, "ended_at"),
                        rs.getString("outcome")))
                .forEach(d -> all.dials.get(d.leadId()).add(d));
        return all;
    }

    List<DialRow> withStatus(String status) {
        return dials.values().stream().flatMap(List::stream).filter(d -> d.status().equals(status)).toList();
    }

    void replace(DialRow old, DialRow now) {
        List<DialRow> list = dials.get(old.leadId());
        list.set(list.indexOf(old), now);
    }

    void remove(DialRow dial) {
        dials.get(dial.leadId()).remove(dial);
    }

    void add(DialRow dial) {
        dials.get(dial.leadId()).add(dial);
    }

    void update(Lead lead) {
        leads.put(lead.leadId(), lead);
    }

    /** Every lead's history, in list order. */
    List<LeadHistory> histories() {
        List<LeadHistory> out = new ArrayList<>(leads.size());
        for (Lead lead : leads.values()) {
            out.add(new LeadHistory(lead.leadId(), dials.get(lead.leadId()).stream().map(DialRow::asAttempt).toList(),
                    Optional.ofNullable(lead.notBefore()).map(Instant::ofEpochMilli),
                    Optional.ofNullable(lead.refusedAs()).flatMap(CallOutcome::fromWire)));
        }
        return out;
    }

    boolean anyOpen() {
        return dials.values().stream().flatMap(List::stream).anyMatch(d -> !d.status().equals("ended"));
    }

    static String verdictJson(ObjectMapper json, CallStatus.VerdictSummary verdict) {
        return verdict == null ? null : CampaignRow.write(json, verdict);
    }
}
