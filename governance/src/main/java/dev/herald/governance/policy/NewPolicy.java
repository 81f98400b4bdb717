package dev.herald.governance.policy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What creates a policy: a name and its first document (version 1). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewPolicy(String name, PolicyDocument policyJson) {
}
