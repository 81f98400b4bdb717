package dev.herald.governance.platforms;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/**
 * A voice platform registered with a workspace, as the API shows it (never with a secret).
 *
 * @param apiKeyId          the platform's Herald API key (project-scoped)
 * @param webhookEndpointId the webhook endpoint that delivers to {@code callbackUrl}
 * @param voicePolicy       the approved policy, or {@link VoicePolicy#DEFAULT} until one is approved
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Platform(String id, String workspaceId, String projectId, String surface, String name,
                       String callbackUrl, String status, String apiKeyId, String webhookEndpointId,
                       VoicePolicy voicePolicy, long createdAt, long updatedAt) {
    public static final String VOICE = "voice";
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    public Platform {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(voicePolicy, "voicePolicy");
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
