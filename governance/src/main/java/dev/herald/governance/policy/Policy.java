package dev.herald.governance.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One policy at one version. */
public record Policy(String id, String projectId, String name, int version, boolean active, ObjectNode document,
                     long createdAt, long updatedAt) {

    public Policy {
        document = document.deepCopy();
    }

    /** The wire form. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy_id", id);
        m.put("project_id", projectId);
        m.put("name", name);
        m.put("version", version);
        m.put("active", active);
        m.put("policy_json", document);
        m.put("created_at", Instant.ofEpochMilli(createdAt).toString());
        m.put("updated_at", Instant.ofEpochMilli(updatedAt).toString());
        return m;
    }
}
