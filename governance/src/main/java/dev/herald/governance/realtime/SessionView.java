package dev.herald.governance.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * The wire view of a session (the audit-trail fields of the guide), member for member in the order
 * clients and stored idempotent answers have always seen. {@code ended_at} is written as null while
 * the session runs; {@code usage_metrics} (as sent to end) and {@code failure_reason} appear only
 * once there is one. {@code budget} and {@code risk_budget} are the same envelope under two names.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SessionView(String sessionId, String projectId, String permitId, String status, String provider,
                          String model, String operation, String executionMode, String policySnapshotId,
                          String policySnapshotHash, Budget budget, Budget riskBudget, int turnCount,
                          int allowedTurnCount, int deniedTurnCount, long atomCount, Usage cumulativeUsage,
                          @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode usageMetrics, ChainHead chainHead,
                          JsonNode metadata, String startedAt, String endedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String failureReason) {

    /** What the session's turns have used so far. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usage(long inputTokens, long outputTokens, long riskBudgetUsedMicros) {
    }

    /** The head of the session's evidence chain. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ChainHead(String contentHash, long eventCount) {
    }

    /** The view of {@code row}; {@code store} reads its stored JSON columns. */
    static SessionView of(SessionRow row, SessionStore store) {
        Budget budget = Budget.of(row, 0);
        JsonNode usage = row.endUsage() == null ? null : store.json(row.endUsage()).path("usage_metrics");
        return new SessionView(row.id(), row.projectId(), row.permitId(), row.status(), row.provider(), row.model(),
                row.operation(), "realtime", row.snapshotId(), row.snapshotHash(), budget, budget, row.turnCount(),
                row.allowedTurns(), row.deniedTurns(), row.atomCount(),
                new Usage(row.inputTokens(), row.outputTokens(), row.budgetUsedMicros()), usage,
                new ChainHead(row.headHash(), row.eventCount()), store.json(row.metadata()),
                Instant.ofEpochMilli(row.startedAt()).toString(),
                row.endedAt() == null ? null : Instant.ofEpochMilli(row.endedAt()).toString(), row.failureReason());
    }
}
