package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A parsed {@code POST /v1/sessions} body. {@code body} is the whole request (so an authorization
 * hook can read members of its own, for example a Ratify proof); {@code budgetTotalMicros} is -1
 * when none was asked for. {@code caller} is the API key that asked (a platform's own key, or an admin).
 */
public record StartRequest(String workspaceId, String projectId, String idempotencyKey, String subjectType,
                           String subjectId, String resourceType, String resourceId, String provider, String model,
                           String operation, String executionMode, long estimatedInputTokens,
                           long estimatedOutputTokens, ObjectNode metadata, long budgetTotalMicros, ObjectNode body,
                           dev.herald.platform.auth.Caller caller) {
    public StartRequest {
        metadata = metadata.deepCopy();
        body = body.deepCopy();
    }

    @Override
    public ObjectNode metadata() {
        return metadata.deepCopy();
    }

    @Override
    public ObjectNode body() {
        return body.deepCopy();
    }
}
