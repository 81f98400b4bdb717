package dev.herald.governance.platforms;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** A voice policy the organization approves for a platform; members left null keep the default. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VoicePolicyApproval(List<String> requiredSessionScopes, Map<String, String> actionScopes,
                                  Boolean proofRequired, Boolean proofRequiredOnEveryTurn) {
}
