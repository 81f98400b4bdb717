package dev.herald.platform.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One message to one endpoint, as the delivery log shows it. {@code id} is the Standard Webhooks
 * {@code webhook-id}: the same on every attempt and on manual redelivery.
 *
 * @param status   {@code pending} (queued or waiting to retry), {@code succeeded}, or {@code failed}
 *                 (attempts exhausted, or the receiver answered 410)
 * @param payload  the exact JSON body sent (embedded as JSON)
 * @param attempts every HTTP attempt, oldest first (only on the single-delivery read)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookDelivery(String id, String endpointId, String eventType, String status, int attemptCount,
                              Long nextAttemptAt, Integer lastStatusCode, String lastError, long createdAt,
                              Long completedAt, @JsonRawValue String payload, List<Attempt> attempts) {
    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    /** One HTTP attempt; {@code statusCode} is null when no response came (timeout, refused). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Attempt(int attemptNo, long attemptedAt, Integer statusCode, String error, long durationMs,
                          boolean manual) {
    }

    WebhookDelivery withAttempts(List<Attempt> list) {
        return new WebhookDelivery(id, endpointId, eventType, status, attemptCount, nextAttemptAt, lastStatusCode,
                lastError, createdAt, completedAt, payload, List.copyOf(list));
    }
}
