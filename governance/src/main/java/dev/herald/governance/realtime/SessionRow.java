package dev.herald.governance.realtime;

/**
 * One {@code realtime_sessions} row. {@code budgetTotalMicros} is -1 when the session has no
 * budget envelope. {@code pendingViolation} is the policy rule that denies the next turn, if any.
 */
public record SessionRow(String id, String workspaceId, String projectId, String status, String permitId,
                         String snapshotId, String snapshotHash, String snapshot, String permit, String provider,
                         String model, String operation, String metadata, long budgetTotalMicros,
                         long budgetUsedMicros, long inputTokens, long outputTokens, int turnCount, int allowedTurns,
                         int deniedTurns, long atomCount, long nextSeq, String headHash, long lastOccurredAt,
                         boolean disclosureSeen, boolean consentSeen, String pendingViolation, long startedAt,
                         Long endedAt, String failureReason, String endUsage) {

    public static final String ACTIVE = "active";
    public static final String ENDED = "ended";
    public static final String FAILED = "failed";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    public boolean hasBudget() {
        return budgetTotalMicros >= 0;
    }

    /**
     * The chain cursor of this row as read: saved under the row lock ({@link SessionLedger#save}) or
     * guarded by the position it was read at ({@link SessionLedger#saveIfUnmoved}).
     */
    SessionLedger.Cursor cursor() {
        return SessionLedger.Cursor.of(this);
    }

    public long eventCount() {
        return nextSeq - 1;
    }

    /** Every column of {@link #map} (the start answer and the attestation are read on their own). */
    static final String COLUMNS = "id, workspace_id, project_id, status, permit_id, snapshot_id, snapshot_hash, "
            + "snapshot, permit, provider, model, operation, metadata, budget_total_micros, budget_used_micros, "
            + "input_tokens, output_tokens, turn_count, allowed_turns, denied_turns, atom_count, next_seq, head_hash, "
            + "last_occurred_at, disclosure_seen, consent_seen, pending_violation, started_at, ended_at, "
            + "failure_reason, end_usage";

    /**
     * The columns a turn or an atom batch needs under the row lock: {@link #COLUMNS} without the
     * stored documents (snapshot, permit, metadata, end usage), which the row then holds as null.
     */
    static final String CONTROL_COLUMNS = "id, workspace_id, project_id, status, permit_id, snapshot_id, "
            + "snapshot_hash, provider, model, operation, budget_total_micros, budget_used_micros, input_tokens, "
            + "output_tokens, turn_count, allowed_turns, denied_turns, atom_count, next_seq, head_hash, "
            + "last_occurred_at, disclosure_seen, consent_seen, pending_violation, started_at, ended_at, failure_reason";

    static SessionRow map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return map(rs, true);
    }

    static SessionRow mapControl(java.sql.ResultSet rs) throws java.sql.SQLException {
        return map(rs, false);
    }

    private static SessionRow map(java.sql.ResultSet rs, boolean documents) throws java.sql.SQLException {
        long ended = rs.getLong("ended_at");
        Long endedAt = rs.wasNull() ? null : ended;
        return new SessionRow(rs.getString("id"), rs.getString("workspace_id"), rs.getString("project_id"),
                rs.getString("status"), rs.getString("permit_id"), rs.getString("snapshot_id"),
                rs.getString("snapshot_hash"), documents ? rs.getString("snapshot") : null,
                documents ? rs.getString("permit") : null, rs.getString("provider"), rs.getString("model"),
                rs.getString("operation"), documents ? rs.getString("metadata") : null,
                rs.getLong("budget_total_micros"), rs.getLong("budget_used_micros"), rs.getLong("input_tokens"),
                rs.getLong("output_tokens"), rs.getInt("turn_count"), rs.getInt("allowed_turns"),
                rs.getInt("denied_turns"), rs.getLong("atom_count"), rs.getLong("next_seq"), rs.getString("head_hash"),
                rs.getLong("last_occurred_at"), rs.getInt("disclosure_seen") == 1, rs.getInt("consent_seen") == 1,
                rs.getString("pending_violation"), rs.getLong("started_at"), endedAt, rs.getString("failure_reason"),
                documents ? rs.getString("end_usage") : null);
    }
}
