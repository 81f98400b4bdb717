package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.json.Sha256;
import java.util.Set;

/**
 * {@code policy_snapshot_hash}: {@code session_metadata.policy_snapshot_hash} is the bare hex
 * SHA-256 of the canonical policy snapshot without {@code snapshot_id} and {@code snapshot_hash};
 * the snapshot's own {@code snapshot_hash} and every child permit's
 * {@code policy_snapshot_hash} (and the parent permit's, when it has one) are the same hash with the {@code sha256:} prefix;
 * the metadata names the snapshot's {@code snapshot_id}.
 */
final class PolicyCheck {
    private static final Check CHECK = Check.POLICY_SNAPSHOT_HASH;
    private static final Set<String> EXCLUDED = Set.of("snapshot_id", "snapshot_hash");

    private PolicyCheck() {}

    static CheckResult run(JsonNode a) {
        JsonNode policy = a.get("policy_snapshot");
        JsonNode metadata = a.get("session_metadata");
        Sha256 computed = CanonicalJson.sha256Excluding(policy, EXCLUDED);
        if (!computed.hex().equals(Nodes.text(metadata, "policy_snapshot_hash"))) {
            return CheckResult.fail(CHECK, Reason.POLICY_HASH_MISMATCH,
                    "session_metadata.policy_snapshot_hash is not the snapshot's hash " + computed.hex());
        }
        if (!computed.prefixed().equals(Nodes.text(policy, "snapshot_hash"))) {
            return CheckResult.fail(CHECK, Reason.POLICY_HASH_MISMATCH, "policy_snapshot.snapshot_hash is not the snapshot's hash");
        }
        String snapshotId = Nodes.text(policy, "snapshot_id");
        if (snapshotId == null || !snapshotId.equals(Nodes.text(metadata, "policy_snapshot_id"))) {
            return CheckResult.fail(CHECK, Reason.WRONG_VALUE, "session_metadata.policy_snapshot_id does not name policy_snapshot.snapshot_id");
        }
        int index = 0;
        for (JsonNode permit : a.get("permits").get("child_tool_call_permits")) {
            String where = "permits.child_tool_call_permits[" + index++ + "]";
            if (!computed.prefixed().equals(Nodes.text(permit, "policy_snapshot_hash"))) {
                return CheckResult.fail(CHECK, Reason.POLICY_HASH_MISMATCH, where + ".policy_snapshot_hash is not the snapshot's hash");
            }
        }
        JsonNode parent = a.get("permits").get("parent_session_permit");
        if (parent.isObject() && parent.has("policy_snapshot_hash")
                && !computed.prefixed().equals(Nodes.text(parent, "policy_snapshot_hash"))) {
            return CheckResult.fail(CHECK, Reason.POLICY_HASH_MISMATCH, "permits.parent_session_permit.policy_snapshot_hash is not the snapshot's hash");
        }
        return CheckResult.pass(CHECK, computed.hex());
    }
}
