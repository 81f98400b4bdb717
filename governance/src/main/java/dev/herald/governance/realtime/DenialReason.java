package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.governance.policy.Decision;

/**
 * The two members a denied decision adds to an answer ({@code user_facing_reason},
 * {@code reason_code}); unwrapped into the answer, and absent from it when the decision allowed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DenialReason(String userFacingReason, String reasonCode) {
    /** The reason of a denied decision; null for an allowed one (so the members are left out). */
    static DenialReason of(Decision decision) {
        return decision.allowed() ? null : new DenialReason(decision.userFacingReason(), decision.reasonCode());
    }
}
