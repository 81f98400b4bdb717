package dev.herald.evidence.artifact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.chain.ChainEvent;
import java.util.List;
import java.util.Optional;

/**
 * Everything the assembler needs about one ended session.
 *
 * @param sessionMetadata descriptive members: {@code session_id} (required), status, provider,
 *     model, project_id, started_at, ended_at... The assembler adds {@code policy_snapshot_id} and
 *     {@code policy_snapshot_hash}.
 * @param events the session's events in order
 * @param policySnapshot the policy snapshot in force, with {@code snapshot_id}; the assembler
 *     computes {@code snapshot_hash}
 * @param parentSessionPermit the session permit, or empty
 * @param childPermits tool-call permits; each {@code permit_id} must match the {@code permit_id}
 *     of an event, whose chain hash becomes the permit's {@code binding_session_event_hash}
 * @param projectAnchor the project ledger entry closing the session, or empty to derive one
 * @param regionAnchor optional data-residency region written as {@code region_anchor}
 */
public record SessionEvidence(ObjectNode sessionMetadata, List<ChainEvent> events, ObjectNode policySnapshot,
        Optional<ObjectNode> parentSessionPermit, List<ObjectNode> childPermits, Optional<ProjectAnchor> projectAnchor,
        Optional<String> regionAnchor) {
    public SessionEvidence {
        if (sessionMetadata == null || !sessionMetadata.path("session_id").isTextual()) {
            throw new IllegalArgumentException("session metadata needs a session_id");
        }
        if (policySnapshot == null || !policySnapshot.path("snapshot_id").isTextual()) {
            throw new IllegalArgumentException("policy snapshot needs a snapshot_id");
        }
        events = List.copyOf(events);
        childPermits = childPermits.stream().map(ObjectNode::deepCopy).toList();
        sessionMetadata = sessionMetadata.deepCopy();
        policySnapshot = policySnapshot.deepCopy();
        parentSessionPermit = parentSessionPermit.map(ObjectNode::deepCopy);
    }

    // Accessors hand out copies: the assembler edits what it gets, and one SessionEvidence may be
    // assembled more than once (retries, benchmarks).
    @Override
    public ObjectNode sessionMetadata() {
        return sessionMetadata.deepCopy();
    }

    @Override
    public ObjectNode policySnapshot() {
        return policySnapshot.deepCopy();
    }

    @Override
    public Optional<ObjectNode> parentSessionPermit() {
        return parentSessionPermit.map(ObjectNode::deepCopy);
    }

    @Override
    public List<ObjectNode> childPermits() {
        return childPermits.stream().map(ObjectNode::deepCopy).toList();
    }

    public String sessionId() {
        return sessionMetadata.get("session_id").textValue();
    }
}
