package dev.herald.governance.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The answer to an interruption: where its chain entry is, and how its signatures fared when first
 * recorded ({@code accepted}); a repeat answers {@code duplicate} without the signature status.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InterruptionResult(String sessionId, String interruptionId, String status, long sequence,
                                 String eventHash, String signatureStatus) {
    static InterruptionResult accepted(String sessionId, String id, SessionLedger.Entry e, boolean verified) {
        return new InterruptionResult(sessionId, id, "accepted", e.sequence(), e.contentHash(),
                verified ? "verified" : "unverified");
    }

    static InterruptionResult duplicate(String sessionId, String id, long sequence, String eventHash) {
        return new InterruptionResult(sessionId, id, "duplicate", sequence, eventHash, null);
    }
}
