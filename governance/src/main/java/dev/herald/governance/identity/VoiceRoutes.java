package dev.herald.governance.identity;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.governance.platforms.PlatformService;
import dev.herald.platform.store.Database;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * {@code POST /v1/voice/challenges}: a Ratify challenge already bound to the session context
 * Herald will reconstruct ({@link VoiceChallenges}), so a gateway does not have to compute the
 * preimage itself: {@code {"purpose": "session_start", "agent_id", "idempotency_key", "project"?}}
 * or {@code {"purpose": "turn", "session_id"}}. The answer carries the challenge, the 32-byte
 * {@code session_context} to sign with it, and for turns the {@code stream_id} and the
 * {@code stream_seq} to use next.
 */
public final class VoiceRoutes implements Feature {
    private final VoiceChallenges challenges;
    private final JsonBody json;
    private final Idempotency idempotency;

    public VoiceRoutes(RatifyService ratify, PlatformService platforms, ProjectScope scope, Database db,
                       dev.herald.platform.store.SecretBox box, JsonBody json, Idempotency idempotency) {
        this.challenges = new VoiceChallenges(ratify, platforms, scope, db, new VoiceSessions(box));
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post("/v1/voice/challenges", this::challenge);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChallengeRequest(String purpose, String agentId, String idempotencyKey, String project, String sessionId) {
    }

    private void challenge(Context ctx) {
        Caller caller = Caller.of(ctx);
        ChallengeRequest body = json.read(ctx, ChallengeRequest.class);
        FieldCheck check = new FieldCheck().required("purpose", body.purpose());
        if ("session_start".equals(body.purpose())) {
            check.required("agent_id", body.agentId()).required("idempotency_key", body.idempotencyKey());
        } else if ("turn".equals(body.purpose())) {
            check.required("session_id", body.sessionId());
        } else if (body.purpose() != null) {
            check.fail("purpose", "must be session_start or turn");
        }
        check.throwIfAny();
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200, "session_start".equals(body.purpose())
                ? challenges.sessionStart(caller, body.agentId(), body.idempotencyKey(), body.project())
                : challenges.turn(caller, body.sessionId())));
    }
}
