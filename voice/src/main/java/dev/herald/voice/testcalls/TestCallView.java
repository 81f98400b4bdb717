package dev.herald.voice.testcalls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A test call as the API shows it: the call's row (it is a {@code voice_calls} row with direction
 * and provider {@code test}), the transcript so far (live) or as stored (ended), and once ended the
 * summary, verdict and the governed session's chain head. {@code steps} is what the agent did in
 * answer to the request that returned this view (empty for a read).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TestCallView(String id, String direction, String provider, String status, boolean ended,
                           String leadId, String profileId, int profileVersion, String objective, String outcome,
                           String endReason, String providerEndCode, Boolean qualified, boolean meetingBooked,
                           Long durationMs, String sessionId, String projectId, String chainHeadHash,
                           String createdAt, String endedAt, List<Step> steps, JsonNode transcript, String summary,
                           JsonNode verdict, Links links) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Links(String self, String turns, String end, String socket, String call, String events,
                        String attestation) {
    }
}
