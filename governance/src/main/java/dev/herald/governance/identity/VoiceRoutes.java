package dev.herald.governance.identity;

import dev.herald.platform.domain.NotFound;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.Issuer;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.governance.platforms.Platform;
import dev.herald.governance.platforms.PlatformService;
import dev.herald.platform.store.Database;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * {@code POST /v1/voice/challenges}: a Ratify challenge already bound to the session context
 * Herald will reconstruct (see {@link VoiceContexts}), so a gateway does not have to compute the
 * preimage itself: {@code {"purpose": "session_start", "agent_id", "idempotency_key", "project"?}}
 * or {@code {"purpose": "turn", "session_id"}}. The answer carries the challenge, the 32-byte
 * {@code session_context} to sign with it, and for turns the {@code stream_id} and the
 * {@code stream_seq} to use next.
 */
public final class VoiceRoutes implements Feature {
    private final RatifyService ratify;
    private final PlatformService platforms;
    private final ProjectScope scope;
    private final Database db;
    private final VoiceSessions sessions;
    private final JsonBody json;
    private final Idempotency idempotency;

    public VoiceRoutes(RatifyService ratify, PlatformService platforms, ProjectScope scope, Database db,
                       dev.herald.platform.store.SecretBox box, JsonBody json, Idempotency idempotency) {
        this.ratify = ratify;
        this.platforms = platforms;
        this.scope = scope;
        this.db = db;
        this.sessions = new VoiceSessions(box);
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

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChallengeResponse(String challenge, long expiresAt, long ttlSeconds, String sessionContext,
                             String verifierId, String streamId, Long streamSeq) {
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
        idempotency.respond(ctx, caller, () -> {
            if ("session_start".equals(body.purpose())) {
                String projectId = scope.projectId(caller, body.project(), "project");
                String platformId = platforms.ofCaller(caller).map(Platform::id).orElse(null);
                String verifierId = VoiceContexts.verifierId(platformId, projectId);
                Bytes context = VoiceContexts.startContext(verifierId, caller.workspaceId(), body.agentId(),
                        body.idempotencyKey(), projectId);
                Issuer.IssuedChallenge c = ratify.issueChallenge(caller, context);
                return Idempotency.Outcome.of(200, new ChallengeResponse(c.challenge().toBase64(), c.expiresAt(),
                        c.ttlSeconds(), context.toBase64(), verifierId, null, null));
            }
            VoiceSessions.Authorized a = db.read(h -> sessions.find(h, body.sessionId()))
                    .filter(s -> s.workspaceId().equals(caller.workspaceId())
                            && (caller.projectId() == null || caller.projectId().equals(s.projectId())))
                    .filter(VoiceSessions.Authorized::hasAgent)
                    .orElseThrow(() -> new NotFound("no Ratify-authorized session '" + body.sessionId() + "'"));
            Bytes context = VoiceContexts.turnContext(a.verifierId(), a.workspaceId(), a.agentId(), a.sessionId());
            // Turn challenges belong to the session's project, whoever asks (see VoiceTurnGate).
            Caller projectCaller = new Caller(caller.workspaceId(), a.projectId(), caller.keyId(), caller.scopes());
            Issuer.IssuedChallenge c = ratify.issueChallenge(projectCaller, context);
            return Idempotency.Outcome.of(200, new ChallengeResponse(c.challenge().toBase64(), c.expiresAt(),
                    c.ttlSeconds(), context.toBase64(), a.verifierId(), a.streamId().toBase64(), a.lastStreamSeq() + 1));
        });
    }
}
