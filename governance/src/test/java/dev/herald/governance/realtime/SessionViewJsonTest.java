package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.http.JsonMapping;
import org.junit.jupiter.api.Test;

/**
 * The session view is a typed record serialized by the server's one mapper: these pin its exact
 * bytes (member order, {@code ended_at} written as null while active, {@code usage_metrics} and
 * {@code failure_reason} only once there is one), which clients and stored idempotent answers rely
 * on, both written directly ({@code GET}) and as the tree the start and end answers extend.
 */
class SessionViewJsonTest {
    private static final ObjectMapper JSON = JsonMapping.create();
    private static final SessionStore STORE = new SessionStore(null, JSON);

    private static SessionRow row(long budgetTotal, String status, Long endedAt, String failure, String endUsage) {
        return new SessionRow("sess_1", "ws_1", "prj_1", status, "perm_1", "ps_1", "sha256:aa", "{}", "{}", "openai",
                "gpt", "realtime.session", "{\"voice\":\"x\",\"n\":12345678901234567890}", budgetTotal, 40, 5, 6, 3,
                2, 1, 9, 12, "sha256:bb", 0, false, false, null, 1_767_225_600_000L, endedAt, failure, endUsage);
    }

    private static String both(SessionView view) throws Exception {
        String direct = JSON.writeValueAsString(view);
        assertThat(JSON.writeValueAsString(JSON.valueToTree(view))).isEqualTo(direct);
        return direct;
    }

    @Test
    void anActiveSession_writesEndedAtAsNull_andNoUsageMetricsOrFailureReason() throws Exception {
        assertThat(both(SessionView.of(row(-1, "active", null, null, null), STORE))).isEqualTo("{"
                + "\"session_id\":\"sess_1\",\"project_id\":\"prj_1\",\"permit_id\":\"perm_1\",\"status\":\"active\","
                + "\"provider\":\"openai\",\"model\":\"gpt\",\"operation\":\"realtime.session\","
                + "\"execution_mode\":\"realtime\",\"policy_snapshot_id\":\"ps_1\",\"policy_snapshot_hash\":\"sha256:aa\","
                + "\"budget\":{\"total_micros\":null,\"used_micros\":40,\"remaining_micros\":null},"
                + "\"risk_budget\":{\"total_micros\":null,\"used_micros\":40,\"remaining_micros\":null},"
                + "\"turn_count\":3,\"allowed_turn_count\":2,\"denied_turn_count\":1,\"atom_count\":9,"
                + "\"cumulative_usage\":{\"input_tokens\":5,\"output_tokens\":6,\"risk_budget_used_micros\":40},"
                + "\"chain_head\":{\"content_hash\":\"sha256:bb\",\"event_count\":11},"
                + "\"metadata\":{\"voice\":\"x\",\"n\":12345678901234567890},"
                + "\"started_at\":\"2026-01-01T00:00:00Z\",\"ended_at\":null}");
    }

    @Test
    void aFailedSession_addsItsUsageMetricsAndFailureReason() throws Exception {
        SessionRow failed = row(100, "failed", 1_767_225_660_000L, "policy_violation",
                "{\"usage_metrics\":[{\"quantity\":3,\"meter\":\"audio_seconds\"}],\"metadata\":{}}");
        assertThat(both(SessionView.of(failed, STORE))).isEqualTo("{"
                + "\"session_id\":\"sess_1\",\"project_id\":\"prj_1\",\"permit_id\":\"perm_1\",\"status\":\"failed\","
                + "\"provider\":\"openai\",\"model\":\"gpt\",\"operation\":\"realtime.session\","
                + "\"execution_mode\":\"realtime\",\"policy_snapshot_id\":\"ps_1\",\"policy_snapshot_hash\":\"sha256:aa\","
                + "\"budget\":{\"total_micros\":100,\"used_micros\":40,\"remaining_micros\":60},"
                + "\"risk_budget\":{\"total_micros\":100,\"used_micros\":40,\"remaining_micros\":60},"
                + "\"turn_count\":3,\"allowed_turn_count\":2,\"denied_turn_count\":1,\"atom_count\":9,"
                + "\"cumulative_usage\":{\"input_tokens\":5,\"output_tokens\":6,\"risk_budget_used_micros\":40},"
                + "\"usage_metrics\":[{\"quantity\":3,\"meter\":\"audio_seconds\"}],"
                + "\"chain_head\":{\"content_hash\":\"sha256:bb\",\"event_count\":11},"
                + "\"metadata\":{\"voice\":\"x\",\"n\":12345678901234567890},"
                + "\"started_at\":\"2026-01-01T00:00:00Z\",\"ended_at\":\"2026-01-01T00:01:00Z\","
                + "\"failure_reason\":\"policy_violation\"}");
    }
}
