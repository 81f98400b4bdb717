package dev.herald.voice.testcalls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.voice.calls.CallRecord;
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

    static TestCallView of(CallRecord c, List<Step> steps, JsonNode transcript, String summary, JsonNode verdict) {
        String self = "/api/v1/voice/test-calls/" + c.id();
        String call = "/api/v1/voice/calls/" + c.id();
        return new TestCallView(c.id(), c.direction(), c.provider(), c.status(), !c.live(), c.leadId(), c.profileId(),
                c.profileVersion(), c.objective(), c.outcome(), c.endReason(), c.providerEndCode(), c.qualified(),
                c.meetingBooked(), c.durationMs(), c.sessionId(), c.projectId(), c.chainHeadHash(),
                c.createdAt().toString(), c.endedAt() == null ? null : c.endedAt().toString(), List.copyOf(steps),
                transcript, summary, verdict, new Links(self, self + "/turns", self + "/end", self + "/socket", call,
                        call + "/events", c.sessionId() == null ? null : "/v1/sessions/" + c.sessionId() + "/attestation"));
    }
}
