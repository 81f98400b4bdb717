package dev.herald.voice.calls;

import dev.herald.voice.core.compliance.CompliancePolicy;

/**
 * A request to place a call. {@code direction} is {@code outbound}, {@code inbound} or {@code test};
 * {@code leadId} is null only for an inbound call from an unknown number; {@code objective} null
 * means the profile's first objective; {@code campaignId} with {@code attempt} ties the call to a
 * campaign (one call per campaign, lead and attempt); {@code compliance} null means the defaults
 * (TCPA window 08:00-21:00 in the lead's zone, default concurrency); {@code idempotencyKey} null
 * places a new call every time.
 */
public record PlaceCall(String direction, String leadId, String profileId, String objective, String campaignId,
                        int attempt, String calendarConnectorId, String numberId, String fromNumber, String toNumber,
                        CompliancePolicy compliance, String idempotencyKey) {

    /** An outbound call of a lead outside any campaign (the API's {@code POST /api/v1/voice/calls}). */
    public static PlaceCall outbound(String leadId, String profileId, String objective, String calendarConnectorId,
                                     String idempotencyKey) {
        return new PlaceCall("outbound", leadId, profileId, objective, null, 1, calendarConnectorId, null, null, null,
                null, idempotencyKey);
    }
}
