package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.governance.policy.Decision;
import dev.herald.platform.http.JsonMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The turn and action-permit answers are typed records serialized by the server's one mapper:
 * these pin their exact bytes (member order, which members a denial or a tool call adds, nulls
 * written where the wire has them), which clients and stored idempotent replays rely on.
 */
class TurnAnswerJsonTest {
    private static final ObjectMapper JSON = JsonMapping.create();
    private static final List<Decision.Step> TRACE = List.of(new Decision.Step("max_turn_budget", "pass", "ok"));
    private static final ToolCallPermit PERMIT = new ToolCallPermit("perm_2", "perm_1", "sess_1", "prj_1", "lookup",
            "ai.generate", "lookup", "c1", "tool_call", null, null, "openai", "gpt", "tool.lookup", "allowed",
            "issued", "allowed by the session's locked policy snapshot", "sha256:aa", "ps_1", "sha256:bb",
            "sha256:cc", "sess_1", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", "2026-01-01T00:00:00Z");
    private static final String PERMIT_JSON = "{\"permit_id\":\"perm_2\",\"parent_permit_id\":\"perm_1\","
            + "\"session_id\":\"sess_1\",\"project_id\":\"prj_1\",\"action_name\":\"lookup\","
            + "\"action_verb\":\"ai.generate\",\"tool_name\":\"lookup\",\"call_id\":\"c1\",\"resource_type\":\"tool_call\","
            + "\"resource_provider\":null,\"resource_model\":null,\"provider\":\"openai\",\"model\":\"gpt\","
            + "\"operation\":\"tool.lookup\",\"decision\":\"allowed\",\"status\":\"issued\","
            + "\"reason\":\"allowed by the session's locked policy snapshot\",\"target_digest\":\"sha256:aa\","
            + "\"policy_snapshot_id\":\"ps_1\",\"policy_snapshot_hash\":\"sha256:bb\","
            + "\"binding_session_event_hash\":\"sha256:cc\",\"binding_session_id\":\"sess_1\","
            + "\"binding_issued_at\":\"2026-01-01T00:00:00Z\",\"binding_expires_at\":\"2026-01-01T01:00:00Z\","
            + "\"created_at\":\"2026-01-01T00:00:00Z\"}";

    @Test
    void anAllowedPlainTurn_hasNoReasonAndNoToolCallMembers_andNullsForAMissingEnvelope() throws Exception {
        TurnAnswer answer = new TurnAnswer("sess_1", "allow", 3, null, TRACE, new Budget(null, 7, null),
                "sha256:ee", 4, null);
        assertThat(JSON.writeValueAsString(answer)).isEqualTo("{\"session_id\":\"sess_1\",\"decision\":\"allow\","
                + "\"turn_index\":3,\"authorization_trace\":[{\"rule\":\"max_turn_budget\",\"result\":\"pass\","
                + "\"detail\":\"ok\"}],\"budget\":{\"total_micros\":null,\"used_micros\":7,\"remaining_micros\":null},"
                + "\"event_hash\":\"sha256:ee\",\"sequence\":4}");
    }

    @Test
    void aDeniedTurnWithADeniedToolCall_namesTheReasonAfterTheIndex_andANullPermitLast() throws Exception {
        TurnAnswer answer = new TurnAnswer("sess_1", "deny", 3, new DenialReason("No.", "tool_not_allowed"), TRACE,
                new Budget(10L, 7, 3L), "sha256:ee", 4, new TurnAnswer.ToolCallOutcome(null));
        assertThat(JSON.writeValueAsString(answer)).isEqualTo("{\"session_id\":\"sess_1\",\"decision\":\"deny\","
                + "\"turn_index\":3,\"user_facing_reason\":\"No.\",\"reason_code\":\"tool_not_allowed\","
                + "\"authorization_trace\":[{\"rule\":\"max_turn_budget\",\"result\":\"pass\",\"detail\":\"ok\"}],"
                + "\"budget\":{\"total_micros\":10,\"used_micros\":7,\"remaining_micros\":3},"
                + "\"event_hash\":\"sha256:ee\",\"sequence\":4,\"tool_call_permit\":null}");
    }

    @Test
    void anAllowedTurnWithAToolCall_endsWithItsPermit() throws Exception {
        TurnAnswer answer = new TurnAnswer("sess_1", "allow", 1, null, TRACE, new Budget(null, 0, null),
                "sha256:ee", 2, new TurnAnswer.ToolCallOutcome(PERMIT));
        assertThat(JSON.writeValueAsString(answer)).endsWith(",\"sequence\":2,\"tool_call_permit\":" + PERMIT_JSON + "}");
    }

    @Test
    void anActionPermit_answersThePermitTwice_orTwoNullsWhenDenied() throws Exception {
        assertThat(JSON.writeValueAsString(new ActionPermitAnswer("sess_1", "allow", null, TRACE, PERMIT, PERMIT)))
                .isEqualTo("{\"session_id\":\"sess_1\",\"decision\":\"allow\",\"authorization_trace\":[{\"rule\":"
                        + "\"max_turn_budget\",\"result\":\"pass\",\"detail\":\"ok\"}],\"tool_call_permit\":"
                        + PERMIT_JSON + ",\"permit\":" + PERMIT_JSON + "}");
        assertThat(JSON.writeValueAsString(new ActionPermitAnswer("sess_1", "deny",
                new DenialReason(null, "session_evidence"), TRACE, null, null)))
                .isEqualTo("{\"session_id\":\"sess_1\",\"decision\":\"deny\",\"user_facing_reason\":null,"
                        + "\"reason_code\":\"session_evidence\",\"authorization_trace\":[{\"rule\":\"max_turn_budget\","
                        + "\"result\":\"pass\",\"detail\":\"ok\"}],\"tool_call_permit\":null,\"permit\":null}");
    }
}
