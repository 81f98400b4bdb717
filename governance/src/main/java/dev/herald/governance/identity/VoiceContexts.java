package dev.herald.governance.identity;

import dev.herald.evidence.json.Sha256;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.SignableBytes;
import java.nio.charset.StandardCharsets;

/**
 * The exact SPEC 6.4.9 preimages Herald uses for voice sessions (documented in
 * docs/voice-gateway.md; a gateway computes the same bytes with any Ratify SDK).
 *
 * <ul>
 *   <li>Session start: {@code verifier_id} = the platform id ({@code plt_...}) when a platform's own
 *       key starts the session, else {@code herald:<project_id>}; {@code workspace_id}; {@code agent_id}
 *       = the presenting agent; {@code session_id} = the permit's {@code idempotency_key} (the client
 *       chooses it before the session exists, and it is unique per project); {@code invocation_id} =
 *       {@code session.start}; {@code request_hash} = SHA-256 of the operation context
 *       ({@code meeting:attend}, {@code realtime.session.start}, resource = project id, path "", no digest).</li>
 *   <li>Each turn: the same, with {@code session_id} = Herald's session id, {@code invocation_id} =
 *       {@code turn} and the operation context ({@code meeting:speak}, {@code realtime.turn}, resource =
 *       session id). Turns are also stream-bound: {@code stream_id} = SHA-256 of the UTF-8 text
 *       {@code herald.voice.stream.v1:<session id>}, {@code stream_seq} = 1, 2, 3, ...</li>
 * </ul>
 */
public final class VoiceContexts {
    public static final String START_INVOCATION = "session.start";
    public static final String TURN_INVOCATION = "turn";

    private VoiceContexts() {
    }

    public static String verifierId(String platformId, String projectId) {
        return platformId != null ? platformId : "herald:" + projectId;
    }

    public static Bytes startContext(String verifierId, String workspaceId, String agentId, String idempotencyKey,
                                     String projectId) {
        Bytes requestHash = SignableBytes.operationContextHash(new SignableBytes.OperationContext(
                "meeting:attend", "realtime.session.start", projectId, "", Bytes.empty()));
        return SignableBytes.buildSessionContext(new SignableBytes.SessionContextInputs(verifierId, workspaceId,
                agentId, idempotencyKey, START_INVOCATION, requestHash));
    }

    public static Bytes turnContext(String verifierId, String workspaceId, String agentId, String sessionId) {
        Bytes requestHash = SignableBytes.operationContextHash(new SignableBytes.OperationContext(
                "meeting:speak", "realtime.turn", sessionId, "", Bytes.empty()));
        return SignableBytes.buildSessionContext(new SignableBytes.SessionContextInputs(verifierId, workspaceId,
                agentId, sessionId, TURN_INVOCATION, requestHash));
    }

    public static Bytes streamId(String sessionId) {
        return Bytes.of(Sha256.of(("herald.voice.stream.v1:" + sessionId).getBytes(StandardCharsets.UTF_8)).digest());
    }
}
