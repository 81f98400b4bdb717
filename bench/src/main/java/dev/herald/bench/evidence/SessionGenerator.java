package dev.herald.bench.evidence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.artifact.SessionEvidence;
import dev.herald.evidence.chain.ChainEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a realistic voice session: turns, tool calls with permits, about 400 bytes per chain entry. */
final class SessionGenerator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SessionGenerator() {}

    static SessionEvidence session(String sessionId, int events, Instant start) {
        ObjectNode metadata = NODES.objectNode();
        metadata.put("session_id", sessionId);
        metadata.put("status", "ended");
        metadata.put("provider", "simulated_realtime");
        metadata.put("model", "sim-voice-1");
        metadata.put("project_id", "proj_bench");
        metadata.put("started_at", start.toString());
        metadata.put("ended_at", start.plusSeconds(events + 1L).toString());
        List<ChainEvent> chain = new ArrayList<>(events);
        List<ObjectNode> permits = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            boolean tool = i % 10 == 5;
            ObjectNode a = NODES.objectNode();
            a.put("event_id", "evt_" + sessionId + "_" + i);
            a.put("event_type", tool ? "voice.tool_invocation.governed" : "voice.turn.completed");
            a.put("category", tool ? "tool_governance" : "conversation");
            a.put("chain_scope", "project:proj_bench");
            a.put("session_id", sessionId);
            a.put("request_id", "req_" + i);
            a.put("sequence", 1000L + i);
            a.put("occurred_at", start.plusSeconds(i + 1L).toString());
            a.put("created_at", start.plusSeconds(i + 1L).toString());
            a.put("provider", "simulated_realtime");
            a.put("model", "sim-voice-1");
            a.put("decision", tool ? "allowed" : "recorded");
            a.put("severity", "info");
            a.put("surface", "voice");
            if (tool) {
                String permitId = "perm_" + sessionId + "_" + i;
                a.put("permit_id", permitId);
                ObjectNode permit = NODES.objectNode();
                permit.put("permit_id", permitId);
                permit.put("action_name", "lookup_order_status");
                permit.put("decision", "allowed");
                permit.put("status", "issued");
                permits.add(permit);
            } else {
                a.putNull("permit_id");
            }
            ObjectNode payload = NODES.objectNode();
            payload.put("speaker", i % 2 == 0 ? "caller" : "agent");
            payload.put("text", "Turn " + i + ": could you check the status of order number " + (4000 + i) + " please?");
            chain.add(new ChainEvent(a, payload));
        }
        ObjectNode policy = NODES.objectNode();
        policy.put("kind", "realtime_session_policy_snapshot_v1");
        policy.put("project_id", "proj_bench");
        policy.put("snapshot_id", "ps_bench");
        policy.putArray("policies").addObject().put("id", "pol_disclosure").put("version", 1);
        return new SessionEvidence(metadata, chain, policy, Optional.empty(), permits, Optional.empty(), Optional.empty());
    }
}
