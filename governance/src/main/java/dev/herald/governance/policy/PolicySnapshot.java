package dev.herald.governance.policy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.json.Sha256;
import java.util.List;
import java.util.Set;

/**
 * The policies in force for one session, frozen when it started. {@code document} is the
 * {@code realtime_session_policy_snapshot_v1} object embedded in the attestation artifact;
 * {@code hash} is SHA-256 of its canonical form without {@code snapshot_id} and
 * {@code snapshot_hash}, exactly the rule the artifact's {@code policy_snapshot_hash} follows
 * (bare lowercase hex here; {@code sha256:}-prefixed inside the snapshot).
 */
public record PolicySnapshot(String id, String hash, ObjectNode document, PolicyRules rules) {
    public static final String KIND = "realtime_session_policy_snapshot_v1";
    static final Set<String> EXCLUDED = Set.of("snapshot_id", "snapshot_hash");

    /** The snapshot document, members in the order it has always been stored in. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"kind", "snapshot_id", "project_id", "policies"})
    record Document(String kind, String snapshotId, String projectId, List<Entry> policies) {
    }

    /** One policy frozen in a snapshot; {@code orgId} is always null (policies are project-scoped). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"id", "name", "org_id", "policy_json", "project_id", "scope", "version"})
    record Entry(String id, String name, String orgId, PolicyDocument policyJson, String projectId, String scope,
                 int version) {
    }

    public PolicySnapshot {
        document = document.deepCopy();
    }

    @Override
    public ObjectNode document() {
        return document.deepCopy();
    }

    /** Computes the hash of a snapshot document (without its id and hash members). */
    public static Sha256 hashOf(ObjectNode document) {
        return CanonicalJson.sha256Excluding(document, EXCLUDED);
    }

    /** Rebuilds a stored snapshot (the rules are re-read from the embedded policy documents). */
    public static PolicySnapshot fromDocument(ObjectNode document) {
        java.util.List<PolicyRules> rules = new java.util.ArrayList<>();
        for (var p : document.withArray("policies")) {
            rules.add(PolicyDocument.of((ObjectNode) p.get("policy_json")).rules());
        }
        return new PolicySnapshot(document.get("snapshot_id").textValue(), hashOf(document).hex(), document,
                PolicyRules.combine(rules));
    }
}
