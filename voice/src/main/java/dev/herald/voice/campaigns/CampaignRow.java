package dev.herald.voice.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.voice.core.campaign.CampaignState;
import dev.herald.voice.core.campaign.Pacing;
import dev.herald.voice.core.campaign.RetryPolicy;
import dev.herald.voice.core.compliance.CompliancePolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.jdbi.v3.core.mapper.RowMapper;

/** A {@code voice_campaigns} row with its policies read. Package-internal. */
record CampaignRow(String id, String workspaceId, String name, CampaignState state, String profileId, String objective,
                   String calendarConnectorId, int leadCount, Pacing pacing, RetryJson retryJson,
                   CallingWindowJson windowJson, Long startAt, Long nextWakeAt, int dialsPlaced, long createdAt,
                   long updatedAt, Long completedAt) {

    static final String COLUMNS = "SELECT id, workspace_id, name, state, profile_id, objective, calendar_connector_id, "
            + "lead_count, max_concurrent, calls_per_minute, retry_policy, calling_window, start_at, next_wake_at, "
            + "dials_placed, created_at, updated_at, completed_at FROM voice_campaigns ";

    static RowMapper<CampaignRow> mapper(ObjectMapper json) {
        return (rs, ctx) -> new CampaignRow(rs.getString("id"), rs.getString("workspace_id"), rs.getString("name"),
                state(rs.getString("state")), rs.getString("profile_id"), rs.getString("objective"),
                rs.getString("calendar_connector_id"), rs.getInt("lead_count"),
                new Pacing(rs.getInt("max_concurrent"), rs.getInt("calls_per_minute")),
                read(json, rs.getString("retry_policy"), RetryJson.class),
                read(json, rs.getString("calling_window"), CallingWindowJson.class),
                nullableLong(rs, "start_at"), nullableLong(rs, "next_wake_at"), rs.getInt("dials_placed"),
                rs.getLong("created_at"), rs.getLong("updated_at"), nullableLong(rs, "completed_at"));
    }

    static CampaignState state(String wire) {
        return Arrays.stream(CampaignState.values()).filter(s -> s.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown campaign state " + wire));
    }

    RetryPolicy retry() {
        return retryJson.policy();
    }

    /** The compliance settings each dial of this campaign is checked with. */
    CompliancePolicy compliance() {
        // The workspace limit here is a placeholder: the placer applies the workspace's own setting.
        return new CompliancePolicy(windowJson.window(), Duration.ZERO, windowJson.zones(), pacing.maxConcurrent(),
                pacing.maxConcurrent());
    }

    Campaign view(Campaign.Progress progress) {
        return new Campaign(id, name, state.wire(), profileId, objective, calendarConnectorId, leadCount,
                pacing.maxConcurrent(), pacing.callsPerMinute(), windowJson, retryJson, time(startAt), dialsPlaced,
                time(createdAt), time(updatedAt), time(completedAt), progress);
    }

    static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static <T> T read(ObjectMapper json, String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored campaign JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }

    static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign JSON not serializable", e);
        }
    }
}
