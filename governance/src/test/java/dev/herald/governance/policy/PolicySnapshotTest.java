package dev.herald.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.http.JsonMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snapshot document is evidence: its members, their order and the rules read back from it are fixed. */
class PolicySnapshotTest {
    private static final ObjectMapper MAPPER = JsonMapping.create();

    @Test
    void aSnapshotDocument_hasItsStoredShape_andItsRulesAreReadBack() {
        PolicyDocument doc = PolicyDocument.of(MAPPER.createObjectNode().put("max_turn_budget_micros", 50));
        ObjectNode tree = MAPPER.valueToTree(new PolicySnapshot.Document(PolicySnapshot.KIND, "ps_1", "prj_1",
                List.of(new PolicySnapshot.Entry("pol_1", "caps", null, doc, "prj_1", "project", 3))));
        assertThat(tree.toString()).isEqualTo("{\"kind\":\"realtime_session_policy_snapshot_v1\",\"snapshot_id\":\"ps_1\","
                + "\"project_id\":\"prj_1\",\"policies\":[{\"id\":\"pol_1\",\"name\":\"caps\",\"org_id\":null,"
                + "\"policy_json\":{\"max_turn_budget_micros\":50},\"project_id\":\"prj_1\",\"scope\":\"project\","
                + "\"version\":3}]}");
        PolicySnapshot snapshot = PolicySnapshot.fromDocument(tree);
        assertThat(snapshot.id()).isEqualTo("ps_1");
        assertThat(snapshot.rules().maxTurnBudgetMicros()).contains(50L);
        assertThat(snapshot.hash()).isEqualTo(PolicySnapshot.hashOf(tree.deepCopy().put("snapshot_id", "other")).hex());
    }
}
