package dev.herald.platform.webhooks;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * A webhook receiver as the API shows it (never with its secret).
 *
 * @param eventTypes           the event types it receives; {@code ["*"]} for all
 * @param previousSecretUntil  while a rotated-away secret still signs: until when (epoch ms), else null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookEndpoint(String id, String workspaceId, String platformId, String url, String description,
                              List<String> eventTypes, String status, String disabledReason,
                              Long previousSecretUntil, long createdAt, long updatedAt) {
    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";

    public WebhookEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        eventTypes = List.copyOf(eventTypes);
    }

    public boolean receives(String eventType) {
        return eventTypes.contains("*") || eventTypes.contains(eventType);
    }
}
