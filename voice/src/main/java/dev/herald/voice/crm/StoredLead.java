package dev.herald.voice.crm;

import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.lead.Lead;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lead as the store holds it: the core {@link Lead}, its id and workspace, how many verdicts it
 * has and the latest one in brief.
 */
public record StoredLead(String id, String workspaceId, Lead lead, int verdictCount, Optional<LastVerdict> lastVerdict,
                         Instant createdAt, Instant updatedAt) {
    public StoredLead {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(lastVerdict, "lastVerdict");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The latest verdict in brief; the full record is in the lead's history. */
    public record LastVerdict(String callId, CallOutcome outcome, boolean qualified, int score, String sessionId,
                              String chainHeadHash, Instant at) {
    }
}
