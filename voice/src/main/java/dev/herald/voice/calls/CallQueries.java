package dev.herald.voice.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import org.jdbi.v3.core.statement.Query;

/**
 * The read side of calls: filtered, keyset-paged lists and the full view of one call. Lists are
 * newest first on {@code (created_at, id)}; the cursor names the last call of a page, so a call
 * inserted while a client pages (always newer, or at worst equal in time with a larger id that
 * sorts before it) never shifts or repeats what the client has still to read. Thread-safe.
 */
public final class CallQueries {
    private static final String BRIEF_COLUMNS = "id, direction, status, provider, lead_id, profile_id, profile_version, "
            + "campaign_id, attempt, outcome, refusal_reason, end_reason, qualified, meeting_booked, duration_ms, "
            + "created_at, answered_at, ended_at";

    private final Database db;
    private final ObjectMapper mapper;
    private final RecordingLinks recordings;
    private final FollowUpHistory followUps;

    public CallQueries(Database db, ObjectMapper mapper, RecordingLinks recordings, FollowUpHistory followUps) {
        this.db = db;
        this.mapper = mapper;
        this.recordings = recordings;
        this.followUps = followUps;
    }

    /** One page of the workspace's calls that pass {@code filter}, newest first. */
    public Page<CallBrief> list(String workspaceId, CallFilter filter, PageRequest page) {
        Position after = page.after() == null ? null : Position.parse(page.after());
        StringBuilder sql = new StringBuilder("SELECT ").append(BRIEF_COLUMNS)
                .append(" FROM voice_calls WHERE workspace_id = :ws");
        if (filter.leadId() != null) {
            sql.append(" AND lead_id = :lead");
        }
        if (filter.profileId() != null) {
            sql.append(" AND profile_id = :profile");
        }
        if (filter.campaignId() != null) {
            sql.append(" AND campaign_id = :campaign");
        }
        if (filter.outcome() != null) {
            sql.append(" AND outcome = :outcome");
        }
        if (filter.direction() != null) {
            sql.append(" AND direction = :direction");
        }
        if (filter.from() != null) {
            sql.append(" AND created_at >= :from");
        }
        if (filter.to() != null) {
            sql.append(" AND created_at < :to");
        }
        if (after != null) {
            // The plain bound lets both planners range-scan the index; the row value breaks ties by id.
            sql.append(" AND created_at <= :afterAt AND (created_at, id) < (:afterAt, :afterId)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :n");
        List<CallBrief> rows = db.read(h -> {
            Query q = h.createQuery(sql.toString()).bind("ws", workspaceId).bind("n", page.fetchSize());
            if (filter.leadId() != null) {
                q.bind("lead", filter.leadId());
            }
            if (filter.profileId() != null) {
                q.bind("profile", filter.profileId());
            }
            if (filter.campaignId() != null) {
                q.bind("campaign", filter.campaignId());
            }
            if (filter.outcome() != null) {
                q.bind("outcome", filter.outcome().wire());
            }
            if (filter.direction() != null) {
                q.bind("direction", filter.direction());
            }
            if (filter.from() != null) {
                q.bind("from", filter.from().toEpochMilli());
            }
            if (filter.to() != null) {
                q.bind("to", filter.to().toEpochMilli());
            }
            if (after != null) {
                q.bind("afterAt", after.createdAt()).bind("afterId", after.id());
            }
            return q.map((rs, c) -> brief(rs)).list();
        });
        return Page.of(rows, page, CallBrief::position);
    }

    /** The call's stored transcript; empty when there is no such call or its transcript was purged. */
    public Optional<List<CallView.Turn>> storedTranscript(String workspaceId, String callId) {
        Optional<String> stored = db.read(h -> h.createQuery("SELECT transcript FROM voice_calls WHERE id = :id "
                        + "AND workspace_id = :ws AND transcript IS NOT NULL")
                .bind("id", callId).bind("ws", workspaceId).mapTo(String.class).findOne());
        return stored.map(t -> transcript(callId, t));
    }

    /** The call, or NotFound when the workspace has no call of that id. */
    public CallView get(String workspaceId, String callId) {
        CallView view = db.read(h -> h.createQuery("SELECT * FROM voice_calls WHERE id = :id AND workspace_id = :ws")
                .bind("id", callId).bind("ws", workspaceId)
                .map((rs, c) -> view(rs)).findOne().orElse(null));
        if (view == null) {
            throw new NotFound("no call " + callId);
        }
        List<CallView.FollowUp> sent = followUps.ofCall(workspaceId, callId);
        return switch (recordings.find(workspaceId, callId)) {
            case RecordingLinks.Available a -> complete(view, new CallView.Recording(a.url(), a.expiresAt()), null, sent);
            case RecordingLinks.Missing m -> complete(view, null, m.reason(), sent);
        };
    }

    /** True when the workspace has a call of that id. */
    public boolean exists(String workspaceId, String callId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM voice_calls WHERE id = :id AND workspace_id = :ws")
                .bind("id", callId).bind("ws", workspaceId).mapTo(Integer.class).one()) > 0;
    }

    /** A list cursor's content: the last call's {@code created_at} millis and id. */
    record Position(long createdAt, String id) {
        static Position parse(String s) {
            int colon = s.indexOf(':');
            try {
                if (colon > 0 && colon < s.length() - 1) {
                    return new Position(Long.parseLong(s.substring(0, colon)), s.substring(colon + 1));
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new Invalid("cursor", "is not a cursor returned by this API");
        }
    }

    private static CallBrief brief(ResultSet rs) throws SQLException {
        return new CallBrief(rs.getString("id"), rs.getString("direction"), rs.getString("status"),
                rs.getString("provider"), rs.getString("lead_id"), rs.getString("profile_id"),
                rs.getInt("profile_version"), rs.getString("campaign_id"), rs.getInt("attempt"),
                rs.getString("outcome"), rs.getString("refusal_reason"), rs.getString("end_reason"),
                bool(rs, "qualified"), rs.getInt("meeting_booked") != 0, nullableLong(rs, "duration_ms"),
                time(rs, "created_at"), time(rs, "answered_at"), time(rs, "ended_at"));
    }

    private CallView view(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String lead = rs.getString("lead_id");
        String profile = rs.getString("profile_id");
        String campaign = rs.getString("campaign_id");
        String session = rs.getString("session_id");
        Long costMicros = nullableLong(rs, "cost_micros");
        return new CallView(id, rs.getString("direction"), rs.getString("status"), rs.getString("provider"),
                rs.getString("objective"), rs.getInt("attempt"),
                lead == null ? null : new CallView.Link(lead, "/api/v1/crm/leads/" + lead),
                new CallView.ProfileLink(profile, rs.getInt("profile_version"), "/api/v1/voice/profiles/" + profile),
                campaign == null ? null : new CallView.Link(campaign, "/api/v1/voice/campaigns/" + campaign),
                rs.getString("number_id"), rs.getString("from_number"), rs.getString("to_number"),
                rs.getString("calendar_connector_id"), rs.getString("outcome"), rs.getString("refusal_reason"),
                rs.getString("end_reason"), rs.getString("provider_end_code"), bool(rs, "qualified"),
                rs.getInt("meeting_booked") != 0, nullableLong(rs, "duration_ms"), time(rs, "created_at"),
                time(rs, "dialled_at"), time(rs, "answered_at"), time(rs, "ended_at"), time(rs, "updated_at"),
                transcript(id, rs.getString("transcript")), time(rs, "transcript_purged_at"), rs.getString("summary"),
                json(id, rs.getString("verdict")), null, null,
                costMicros == null ? null : new CallView.Cost(costMicros, rs.getString("cost_currency")),
                session == null ? null : new CallView.Governance(session, rs.getString("project_id"),
                        "/v1/sessions/" + session + "?project=" + rs.getString("project_id"),
                        "/v1/sessions/" + session + "/attestation?project=" + rs.getString("project_id"),
                        rs.getString("chain_head_hash")), List.of());
    }

    /** The row's view with what other features hold: its recording (or why none) and its follow-ups. */
    private static CallView complete(CallView v, CallView.Recording recording, String reason,
                                     List<CallView.FollowUp> followUps) {
        return new CallView(v.id(), v.direction(), v.status(), v.provider(), v.objective(), v.attempt(), v.lead(),
                v.profile(), v.campaign(), v.numberId(), v.fromNumber(), v.toNumber(), v.calendarConnectorId(),
                v.outcome(), v.refusalReason(), v.endReason(), v.providerEndCode(), v.qualified(), v.meetingBooked(),
                v.durationMs(), v.createdAt(), v.dialledAt(), v.answeredAt(), v.endedAt(), v.updatedAt(),
                v.transcript(), v.transcriptPurgedAt(), v.summary(), v.verdict(), recording, reason, v.cost(),
                v.governance(), followUps);
    }

    /**
     * The stored transcript: a JSON array of turns {@code {role, text, start_ms, end_ms, interrupted}}.
     * The camelCase member names of a record serialized without a naming strategy are read too.
     */
    private List<CallView.Turn> transcript(String callId, String stored) {
        JsonNode turns = json(callId, stored);
        if (turns == null) {
            return null;
        }
        if (!turns.isArray()) {
            throw new IllegalStateException("call " + callId + " has a transcript that is not a JSON array");
        }
        List<CallView.Turn> out = new ArrayList<>(turns.size());
        for (JsonNode t : turns) {
            out.add(new CallView.Turn(t.path("role").asText().toLowerCase(Locale.ROOT), t.path("text").asText(),
                    either(t, "start_ms", "startMs"), either(t, "end_ms", "endMs"), t.path("interrupted").asBoolean()));
        }
        return out;
    }

    private static long either(JsonNode t, String snake, String camel) {
        return t.has(snake) ? t.path(snake).asLong() : t.path(camel).asLong();
    }

    private JsonNode json(String callId, String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return mapper.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("call " + callId + " has stored JSON that does not parse", e);
        }
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v != 0;
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        Long v = nullableLong(rs, column);
        return v == null ? null : Instant.ofEpochMilli(v);
    }
}
