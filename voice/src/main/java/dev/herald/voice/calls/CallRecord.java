package dev.herald.voice.calls;

import java.time.Instant;

/**
 * One call as stored in {@code voice_calls} (the write side's view; the API's call view is built
 * from it by the read side). Wire names for {@code status}, {@code outcome}, {@code refusalReason}
 * and {@code endReason}; null members are not known yet (or never will be, for a refused call).
 */
public record CallRecord(String id, String workspaceId, String direction, String status, String provider,
                         String leadId, String profileId, int profileVersion, String objective, String campaignId,
                         int attempt, String calendarConnectorId, String outcome, String refusalReason,
                         String endReason, String providerEndCode, Long durationMs, Boolean qualified,
                         boolean meetingBooked, String sessionId, String projectId, String chainHeadHash,
                         Instant createdAt, Instant answeredAt, Instant endedAt, Instant hangupRequestedAt,
                         String summary) {

    public static final String QUEUED = "queued";
    public static final String REFUSED = "refused";
    public static final String DIALLING = "dialling";
    public static final String IN_PROGRESS = "in_progress";
    public static final String ENDED = "ended";
    public static final String FAILED = "failed";

    /** True while the call holds (or waits for) a line: it counts against the concurrency limits. */
    public boolean live() {
        return QUEUED.equals(status) || DIALLING.equals(status) || IN_PROGRESS.equals(status);
    }
}
