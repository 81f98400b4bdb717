package dev.herald.governance.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;

/** One policy at one version, as the API shows it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"policy_id", "project_id", "name", "version", "active", "policy_json", "created_at", "updated_at"})
public record Policy(@JsonProperty("policy_id") String id, String projectId, String name, int version, boolean active,
                     @JsonProperty("policy_json") PolicyDocument document, Instant createdAt, Instant updatedAt) {
    public Policy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(document, "document");
    }
}
