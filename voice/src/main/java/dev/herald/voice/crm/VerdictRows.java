package dev.herald.voice.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of {@code crm_lead_verdicts}, the history each call writes back to its lead. */
final class VerdictRows {
    private final ObjectMapper mapper;

    VerdictRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    boolean exists(Handle h, String leadId, String callId) {
        return h.createQuery("SELECT COUNT(*) FROM crm_lead_verdicts WHERE lead_id = :lead AND call_id = :call")
                .bind("lead", leadId).bind("call", callId).mapTo(Integer.class).one() > 0;
    }

    void insert(Handle h, String workspaceId, String leadId, LeadVerdict v, long now) {
        h.createUpdate("""
                        INSERT INTO crm_lead_verdicts (lead_id, call_id, workspace_id, outcome, qualified, score, answers,
                            meeting, follow_up, summary, session_id, chain_head_hash, occurred_at, created_at)
                        VALUES (:lead, :call, :ws, :outcome, :qualified, :score, :answers, :meeting, :follow, :summary,
                            :session, :head, :at, :now)""")
                .bind("lead", leadId).bind("call", v.callId()).bind("ws", workspaceId).bind("outcome", v.outcome().wire())
                .bind("qualified", v.qualified() ? 1 : 0).bind("score", v.score()).bind("answers", write(v.answers()))
                .bind("meeting", v.meeting().map(this::meeting).map(this::write).orElse(null))
                .bind("follow", write(followUps(v.followUps()))).bind("summary", v.summary())
                .bind("session", v.sessionId()).bind("head", v.chainHeadHash()).bind("at", v.at().toEpochMilli())
                .bind("now", now).execute();
    }

    /** The lead's verdicts, newest first, at most {@code limit}. */
    List<LeadVerdict> newestFirst(Handle h, String workspaceId, String leadId, int limit) {
        return h.createQuery("""
                        SELECT call_id, outcome, qualified, score, answers, meeting, follow_up, summary, session_id,
                            chain_head_hash, occurred_at FROM crm_lead_verdicts
                        WHERE workspace_id = :ws AND lead_id = :lead ORDER BY occurred_at DESC, call_id DESC LIMIT :n""")
                .bind("ws", workspaceId).bind("lead", leadId).bind("n", limit)
                .map((rs, ctx) -> map(rs)).list();
    }

    void deleteOf(Handle h, String workspaceId, String leadId) {
        h.createUpdate("DELETE FROM crm_lead_verdicts WHERE workspace_id = :ws AND lead_id = :lead")
                .bind("ws", workspaceId).bind("lead", leadId).execute();
    }

    private LeadVerdict map(ResultSet rs) throws SQLException {
        String meeting = rs.getString("meeting");
        List<FollowUpReason> follow = new ArrayList<>();
        read(rs.getString("follow_up")).forEach(n -> Arrays.stream(FollowUpReason.values())
                .filter(r -> r.wire().equals(n.asText())).findFirst().ifPresent(follow::add));
        return new LeadVerdict(rs.getString("call_id"), CallOutcome.fromWire(rs.getString("outcome")).orElseThrow(),
                rs.getInt("qualified") == 1, rs.getInt("score"), read(rs.getString("answers")),
                Optional.ofNullable(meeting).map(this::read).map(VerdictRows::slot), follow, rs.getString("summary"),
                rs.getString("session_id"), rs.getString("chain_head_hash"),
                Instant.ofEpochMilli(rs.getLong("occurred_at")));
    }

    private ObjectNode meeting(MeetingSlot slot) {
        return mapper.createObjectNode().put("start", slot.start().toString()).put("end", slot.end().toString())
                .put("time_zone", slot.zone().getId());
    }

    private static MeetingSlot slot(JsonNode n) {
        return new MeetingSlot(Instant.parse(n.path("start").asText()), Instant.parse(n.path("end").asText()),
                ZoneId.of(n.path("time_zone").asText()));
    }

    private ArrayNode followUps(List<FollowUpReason> reasons) {
        ArrayNode a = mapper.createArrayNode();
        reasons.forEach(r -> a.add(r.wire()));
        return a;
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("verdict not serializable", e);
        }
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored verdict JSON unreadable", e);
        }
    }
}
