package dev.herald.governance.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.governance.platforms.Platform;
import dev.herald.governance.platforms.PlatformService;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.store.Database;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.Issuer;

/**
 * Ratify challenges already bound to the session context Herald will reconstruct (see
 * {@link VoiceContexts}), so a gateway does not have to compute the preimage itself: one for a
 * session start, one for the next turn of an authorized session. Thread-safe.
 */
final class VoiceChallenges {
    private final RatifyService ratify;
    private final PlatformService platforms;
    private final ProjectScope scope;
    private final Database db;
    private final VoiceSessions sessions;

    VoiceChallenges(RatifyService ratify, PlatformService platforms, ProjectScope scope, Database db,
                    VoiceSessions sessions) {
        this.ratify = ratify;
        this.platforms = platforms;
        this.scope = scope;
        this.db = db;
        this.sessions = sessions;
    }

    /** A challenge and the 32-byte {@code session_context} to sign with it; for turns, the stream position to use next. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Challenge(String challenge, long expiresAt, long ttlSeconds, String sessionContext, String verifierId,
                     String streamId, Long streamSeq) {
    }

    /** For a session start: the caller's project (or {@code project}, for an admin key) and the presenting agent. */
    Challenge sessionStart(Caller caller, String agentId, String idempotencyKey, String project) {
        String projectId = scope.projectId(caller, project, "project");
        String platformId = platforms.ofCaller(caller).map(Platform::id).orElse(null);
        String verifierId = VoiceContexts.verifierId(platformId, projectId);
        Bytes context = VoiceContexts.startContext(verifierId, caller.workspaceId(), agentId, idempotencyKey, projectId);
        Issuer.IssuedChallenge c = ratify.issueChallenge(caller, context);
        return new Challenge(c.challenge().toBase64(), c.expiresAt(), c.ttlSeconds(), context.toBase64(), verifierId,
                null, null);
    }

    /** For the next turn of a Ratify-authorized session of the caller's workspace (and project, for a project key). */
    Challenge turn(Caller caller, String sessionId) {
        VoiceSessions.Authorized a = db.read(h -> sessions.find(h, sessionId))
                .filter(s -> s.workspaceId().equals(caller.workspaceId())
                        && (caller.projectId() == null || caller.projectId().equals(s.projectId())))
                .filter(VoiceSessions.Authorized::hasAgent)
                .orElseThrow(() -> new NotFound("no Ratify-authorized session '" + sessionId + "'"));
        Bytes context = VoiceContexts.turnContext(a.verifierId(), a.workspaceId(), a.agentId(), a.sessionId());
        // Turn challenges belong to the session's project, whoever asks (see VoiceTurnGate).
        Caller projectCaller = new Caller(caller.workspaceId(), a.projectId(), caller.keyId(), caller.scopes());
        Issuer.IssuedChallenge c = ratify.issueChallenge(projectCaller, context);
        return new Challenge(c.challenge().toBase64(), c.expiresAt(), c.ttlSeconds(), context.toBase64(),
                a.verifierId(), a.streamId().toBase64(), a.lastStreamSeq() + 1);
    }
}
