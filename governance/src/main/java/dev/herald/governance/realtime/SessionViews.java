package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The wire view of a session row. Thread-safe. */
final class SessionViews {
    private final ObjectMapper mapper;
    private final SessionStore store;

    SessionViews(ObjectMapper mapper, SessionStore store) {
        this.mapper = mapper;
        this.store = store;
    }

    /** The session's wire view (the audit-trail fields of the guide). */
    ObjectNode view(SessionRow row) {
        ObjectNode o = mapper.createObjectNode();
        o.put("session_id", row.id());
        o.put("project_id", row.projectId());
        o.put("permit_id", row.permitId());
        o.put("status", row.status());
        o.put("provider", row.provider());
        o.put("model", row.model());
        o.put("operation", row.operation());
        o.put("execution_mode", "realtime");
        o.put("policy_snapshot_id", row.snapshotId());
        o.put("policy_snapshot_hash", row.snapshotHash());
        ObjectNode budget = budget(row, 0);
        o.set("budget", budget);
        o.set("risk_budget", budget.deepCopy());
        o.put("turn_count", row.turnCount());
        o.put("allowed_turn_count", row.allowedTurns());
        o.put("denied_turn_count", row.deniedTurns());
        o.put("atom_count", row.atomCount());
        ObjectNode usage = o.putObject("cumulative_usage");
        usage.put("input_tokens", row.inputTokens());
        usage.put("output_tokens", row.outputTokens());
        usage.put("risk_budget_used_micros", row.budgetUsedMicros());
        if (row.endUsage() != null) {
            o.set("usage_metrics", store.json(row.endUsage()).path("usage_metrics"));
        }
        ObjectNode head = o.putObject("chain_head");
        head.put("content_hash", row.headHash());
        head.put("event_count", row.eventCount());
        o.set("metadata", store.json(row.metadata()));
        o.put("started_at", Instant.ofEpochMilli(row.startedAt()).toString());
        if (row.endedAt() != null) {
            o.put("ended_at", Instant.ofEpochMilli(row.endedAt()).toString());
        } else {
            o.putNull("ended_at");
        }
        if (row.failureReason() != null) {
            o.put("failure_reason", row.failureReason());
        }
        return o;
    }

    /** The budget envelope after reserving {@code reserved} more micros. */
    ObjectNode budget(SessionRow row, long reserved) {
        return mapper.valueToTree(Budget.of(row, reserved));
    }
}
