package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The action-child permit issued for an allowed tool call: bound to the session permit
 * ({@code parent_permit_id}) and to the chain entry that requested it
 * ({@code binding_session_event_hash}). Stored as written (the artifact's permits) and answered.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ToolCallPermit(String permitId, String parentPermitId, String sessionId, String projectId,
                             String actionName, String actionVerb, String toolName, String callId, String resourceType,
                             String resourceProvider, String resourceModel, String provider, String model,
                             String operation, String decision, String status, String reason, String targetDigest,
                             String policySnapshotId, String policySnapshotHash, String bindingSessionEventHash,
                             String bindingSessionId, String bindingIssuedAt, String bindingExpiresAt,
                             String createdAt) {
}
