package dev.herald.voice.campaigns;

import dev.herald.voice.core.compliance.CompliancePolicy;
import java.util.Objects;

/**
 * One dial a campaign asks for: which lead, its 1-based attempt number, what the call runs with,
 * and the campaign's compliance settings for the gate. {@code calendarConnectorId} may be null.
 */
public record Dial(String campaignId, String leadId, int attempt, String profileId, String objective,
                   String calendarConnectorId, CompliancePolicy compliance) {
    public Dial {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(compliance, "compliance");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1");
        }
    }

    /** The key under which placing this dial is idempotent: one per (campaign, lead, attempt). */
    public String idempotencyKey() {
        return "campaign:" + campaignId + ":" + leadId + ":" + attempt;
    }
}
