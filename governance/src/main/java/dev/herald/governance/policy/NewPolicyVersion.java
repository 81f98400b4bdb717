package dev.herald.governance.policy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What adds a version to a policy: the new document, which becomes current. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewPolicyVersion(PolicyDocument policyJson) {
}
