package dev.herald.voice.followups;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import dev.herald.voice.core.lead.Lead;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;

/**
 * Follow-ups: stores the one a call's agent asks for and hands it to the customer's system through
 * the {@value #REQUESTED_EVENT} webhook, queued in the same transaction; lists them; and lets
 * retention empty old message bodies. One follow-up per call, held by a unique index: a retried
 * request answers the first one and queues nothing more. Thread-safe.
 */
public final class FollowUpService {
    public static final String REQUESTED_EVENT = "call.follow_up.requested";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final WebhookService webhooks;

    public FollowUpService(Database db, Ids ids, Clock clock, ObjectMapper mapper, WebhookService webhooks) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.mapper = mapper;
        this.webhooks = webhooks;
    }

    /**
     * Stores the follow-up and queues its webhook, or refuses: a call without a stored lead (nobody
     * to write to), a lead on the do-not-call list. The channel is email when the lead has an
     * address, else SMS to its phone.
     */
    public FollowUpResult request(FollowUpRequest r) {
        Lead lead = r.lead();
        if (lead == null || r.leadId() == null) {
            return new FollowUpResult.Refused("the call has no lead in the CRM to send a follow-up to");
        }
        if (lead.doNotCall()) {
            return new FollowUpResult.Refused("the lead is on the do-not-call list");
        }
        // Every CRM lead has a phone (the CRM keys leads by it), so a stored lead is always reachable.
        Optional<String> email = lead.email().map(String::strip).filter(e -> !e.isEmpty());
        String channel = email.isPresent() ? FollowUp.EMAIL : FollowUp.SMS;
        String recipient = email.orElse(lead.phone().e164());
        FollowUpMessage message = FollowUpMessage.render(channel, new FollowUpMessage.Parts(r.agentName(), lead.name(),
                lead.company(), r.reasons(), r.meeting()));
        String id = ids.next("fup");
        long now = clock.millis();
        String reasons = json(r.reasons().stream().map(FollowUpReason::wire).toList());
        Optional<MeetingSlot> meeting = r.meeting();
        return db.write(h -> {
            // ON CONFLICT DO NOTHING: the call's follow-up may exist already (a retry); the first stays.
            int inserted = h.createUpdate("INSERT INTO voice_follow_ups (id, workspace_id, call_id, lead_id, channel, "
                            + "recipient, reasons, subject, body, meeting_start, meeting_end, meeting_zone, status, "
                            + "created_at) VALUES (:id, :ws, :call, :lead, :channel, :recipient, :reasons, :subject, "
                            + ":body, :mStart, :mEnd, :mZone, :status, :at) ON CONFLICT DO NOTHING")
                    .bind("id", id).bind("ws", r.workspaceId()).bind("call", r.callId()).bind("lead", r.leadId())
                    .bind("channel", channel).bind("recipient", recipient).bind("reasons", reasons)
                    .bind("subject", message.subject()).bind("body", message.body())
                    .bind("mStart", meeting.map(m -> m.start().toEpochMilli()).orElse(null))
                    .bind("mEnd", meeting.map(m -> m.end().toEpochMilli()).orElse(null))
                    .bind("mZone", meeting.map(m -> m.zone().getId()).orElse(null))
                    .bind("status", FollowUp.REQUESTED).bind("at", now).execute();
            FollowUp stored = h.createQuery("SELECT * FROM voice_follow_ups WHERE call_id = :call AND workspace_id = :ws")
                    .bind("call", r.callId()).bind("ws", r.workspaceId()).map((rs, c) -> row(rs)).one();
            if (inserted == 1) {
                webhooks.enqueue(h, r.workspaceId(), null, REQUESTED_EVENT, stored);
            }
            return new FollowUpResult.Requested(stored, inserted == 1);
        });
    }

    /** One page of the workspace's follow-ups that pass {@code filter}, newest first. */
    public Page<FollowUp> list(String workspaceId, FollowUpFilter filter, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT * FROM voice_follow_ups WHERE workspace_id = :ws");
        if (filter.leadId() != null) {
            sql.append(" AND lead_id = :lead");
        }
        if (filter.callId() != null) {
            sql.append(" AND call_id = :call");
        }
        if (page.after() != null) {
            sql.append(" AND id < :after");
        }
        sql.append(" ORDER BY id DESC LIMIT :n");
        List<FollowUp> rows = db.read(h -> {
            Query q = h.createQuery(sql.toString()).bind("ws", workspaceId).bind("n", page.fetchSize());
            if (filter.leadId() != null) {
                q.bind("lead", filter.leadId());
            }
            if (filter.callId() != null) {
                q.bind("call", filter.callId());
            }
            if (page.after() != null) {
                q.bind("after", page.after());
            }
            return q.map((rs, c) -> row(rs)).list();
        });
        return Page.of(rows, page, FollowUp::id);
    }

    /** The follow-ups of one call of the workspace (none, or the one), oldest first. */
    public List<FollowUp> ofCall(String workspaceId, String callId) {
        return db.read(h -> h.createQuery("SELECT * FROM voice_follow_ups WHERE workspace_id = :ws AND call_id = :call "
                        + "ORDER BY id")
                .bind("ws", workspaceId).bind("call", callId).map((rs, c) -> row(rs)).list());
    }

    /**
     * Retention: empties the bodies of the workspace's follow-ups created before {@code before}
     * (they hold what the call was about, as a transcript does) and marks them purged; the row, its
     * recipient, reasons and subject stay. Answers how many it emptied; a second run empties none.
     */
    public int purgeBodies(String workspaceId, Instant before) {
        long now = clock.millis();
        return db.write(h -> h.createUpdate("UPDATE voice_follow_ups SET body = NULL, body_purged_at = :now "
                        + "WHERE workspace_id = :ws AND created_at < :before AND body IS NOT NULL")
                .bind("now", now).bind("ws", workspaceId).bind("before", before.toEpochMilli()).execute());
    }

    private FollowUp row(ResultSet rs) throws SQLException {
        List<String> reasons;
        try {
            reasons = mapper.readValue(rs.getString("reasons"), STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("follow-up " + rs.getString("id") + " has reasons that are not JSON", e);
        }
        long start = rs.getLong("meeting_start");
        FollowUp.Meeting meeting = rs.wasNull() ? null : new FollowUp.Meeting(Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(rs.getLong("meeting_end")), rs.getString("meeting_zone"));
        long purged = rs.getLong("body_purged_at");
        Instant purgedAt = rs.wasNull() ? null : Instant.ofEpochMilli(purged);
        return new FollowUp(rs.getString("id"), rs.getString("call_id"), rs.getString("lead_id"),
                rs.getString("channel"), rs.getString("recipient"), reasons, rs.getString("subject"),
                rs.getString("body"), meeting, rs.getString("status"), Instant.ofEpochMilli(rs.getLong("created_at")),
                purgedAt);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
