package dev.herald.governance.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.RatifyDecodeException;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.Scopes;
import dev.herald.ratify.SessionToken;
import dev.herald.ratify.StreamContext;
import dev.herald.ratify.StreamedTurn;
import dev.herald.ratify.VerifyResult;
import dev.herald.governance.platforms.Platform;
import dev.herald.governance.platforms.PlatformService;
import dev.herald.governance.platforms.VoicePolicy;
import dev.herald.governance.policy.Decision;
import dev.herald.governance.realtime.ToolCall;
import dev.herald.governance.realtime.TurnGate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Per-turn and per-action Ratify checks of an authorized session, run before the policy engine:
 * <ol>
 *   <li>revocation: a revoked cert in the session's chain (asked of {@link RevocationRegistry})
 *       denies (reason {@code revoked}) and the session then fails with reason {@code revoked}
 *       (the gate's {@link Followup}). A plain turn decided from the session row this node last
 *       committed asks nothing: it relies on the session's record as last read here and its save
 *       requires that nothing has been revoked since ({@link #checkFromKnown});</li>
 *   <li>a streamed-turn proof ({@code ratify: {session_token, turn}}) checked against the
 *       session token (HMAC, single-use challenge, session and stream binding, scope
 *       {@code meeting:speak}); the stream sequence advances by compare-and-set in this transaction.
 *       The proof is optional unless the platform's voice policy sets
 *       {@code proof_required_on_every_turn}: then a turn without one is denied
 *       ({@code turn_proof_required}; a stand-alone action permit is not a turn);</li>
 *   <li>for a tool call: the scope its action kind needs under the platform's voice policy
 *       ({@code tool_call -> execute:tool}, {@code crm_write -> data:write},
 *       {@code outbound_message -> comms:message:send}, {@code payment -> payments:send}), and the
 *       action-time constraints ({@code max_amount} for payments, {@code time_window}).</li>
 * </ol>
 */
final class VoiceTurnGate implements TurnGate {
    private final RatifyService ratify;
    private final PlatformService platforms;
    private final VoiceSessions sessions;
    private final RevocationRegistry revocations;
    private final Clock clock;
    /** Bound on {@link #withoutProof}; past it the memory starts over (a lookup is cheap, a leak is not). */
    private static final int WITHOUT_PROOF_LIMIT = 100_000;
    /**
     * Sessions known to have no Ratify agent. A session's Ratify record is written in the same
     * transaction that creates the session and never added later, so once a turn has seen that it
     * has none, it never will, on any node: the lookup is skipped on every later turn.
     */
    private final Set<String> withoutProof = ConcurrentHashMap.newKeySet();
    VoiceTurnGate(RatifyService ratify, PlatformService platforms, VoiceSessions sessions, Clock clock) {
        this.ratify = ratify;
        this.platforms = platforms;
        this.sessions = sessions;
        this.revocations = ratify.revocations();
        this.clock = clock;
    }

    @Override
    public Followup check(Handle h, String sessionId, ObjectNode body,
                          ToolCall call, Occasion occasion, Decision.Builder trace) {
        if (withoutProof.contains(sessionId)) {
            trace.skip("ratify", "the session was not started with a Ratify proof");
            return Followup.NONE;
        }
        Optional<VoiceSessions.Current> found = sessions.current(h, sessionId, revocations);
        if (found.isEmpty() || !found.get().session().hasAgent()) {
            remember(sessionId);
            trace.skip("ratify", "the session was not started with a Ratify proof");
            return Followup.NONE;
        }
        VoiceSessions.Authorized a = found.get().session();
        String revokedCert = a.revokedCert() != null ? a.revokedCert() : found.get().revokedNow();
        return checkAuthorized(h, sessionId, a, revokedCert, body, call, occasion, trace);
    }

    /**
     * A plain turn decided from the kept session row: the session's record as this node last read
     * it stands in for the read, and the turn's save requires that neither the session nor a cert
     * of its chain has been revoked since (so the trace's "no cert of the chain is revoked" holds
     * when the turn is saved, or the turn is decided again through {@link #check}).
     */
    @Override
    public Followup checkFromKnown(Handle h, String sessionId, ObjectNode body,
                                   ToolCall call, Occasion occasion, Decision.Builder trace) {
        Optional<VoiceSessions.Authorized> known = sessions.known(sessionId);
        if (withoutProof.contains(sessionId) || known.isEmpty() || hasTurnProof(body)) {
            return check(h, sessionId, body, call, occasion, trace);
        }
        Followup f = checkAuthorized(h, sessionId, known.get(), null, body, call, occasion, trace);
        return f.failSessionIfDenied() == null ? Followup.holding(sessions.notRevoked(known.get())) : f;
    }

    private Followup checkAuthorized(Handle h, String sessionId, VoiceSessions.Authorized a, String revokedCert,
                                     ObjectNode body, ToolCall call, Occasion occasion, Decision.Builder trace) {
        if (revokedCert != null) {
            trace.fail("ratify_revocation", "revoked", "revoked: delegation " + revokedCert
                    + " of this agent's chain has been revoked", "cert " + revokedCert + " is revoked");
            // The denial of this turn, once saved, fails the session.
            return Followup.failSessionIfDenied("revoked");
        }
        trace.pass("ratify_revocation", "no cert of the chain is revoked");
        if (hasTurnProof(body)) {
            checkTurnProof(h, sessionId, a, body.path("ratify"), trace);
        } else if (occasion == Occasion.TURN && policyOf(a).proofRequiredOnEveryTurn()) {
            trace.fail("ratify_turn_proof", "turn_proof_required", "turn_proof_required: the platform's voice policy "
                    + "requires a streamed-turn proof (ratify.session_token and ratify.turn) on every turn",
                    "proof_required_on_every_turn is set and the turn carries no ratify.turn");
        }
        if (call != null) {
            checkAction(a, body, call, trace);
        } else {
            ActionConstraints.violation(a.chain(), clock.instant(), null).ifPresentOrElse(
                    v -> trace.fail("ratify_constraints", "constraint_denied", v, v),
                    () -> trace.pass("ratify_constraints", "time-dependent constraints hold"));
        }
        return Followup.NONE;
    }

    private void checkTurnProof(Handle h, String sessionId, VoiceSessions.Authorized a, JsonNode proof,
                                Decision.Builder trace) {
        VerifyResult result;
        try {
            SessionToken token = RatifyJson.decodeSessionToken(Base64.getDecoder().decode(proof.path("session_token").asText()));
            StreamedTurn turn = RatifyJson.decodeStreamedTurn(Base64.getDecoder().decode(proof.path("turn").asText()));
            if (!sessionId.equals(token.sessionId())) {
                result = VerifyResult.failure(dev.herald.ratify.FailureReason.SESSION_TOKEN_INVALID,
                        "session_token was issued for another session");
            } else {
                Bytes context = VoiceContexts.turnContext(a.verifierId(), a.workspaceId(), a.agentId(), sessionId);
                result = ratify.verifyTurn(a.workspaceId(), a.projectId(), token, sessions.secret(h, sessionId), turn,
                        "meeting:speak", context, new StreamContext(a.streamId(), a.lastStreamSeq()));
                if (result.valid() && !sessions.advance(h, sessionId, a.lastStreamSeq(), turn.streamSeq())) {
                    result = VerifyResult.failure(dev.herald.ratify.FailureReason.STREAM_SEQ_REPLAY,
                            "stream_seq " + turn.streamSeq() + " was accepted concurrently");
                }
            }
        } catch (IllegalArgumentException | RatifyDecodeException e) {
            result = e instanceof RatifyDecodeException d ? RatifyJson.decodeFailureResult(d)
                    : VerifyResult.failure(dev.herald.ratify.FailureReason.MALFORMED,
                            "ratify.session_token and ratify.turn must be base64");
        }
        if (result.valid()) {
            trace.pass("ratify_turn_proof", "streamed turn verified against the session token");
        } else {
            String code = result.reason() == null ? result.identityStatus().wire() : result.reason().code();
            trace.fail("ratify_turn_proof", code, result.errorReason(), result.errorReason());
        }
    }

    /** The current voice policy of the session's platform (the default for a session without one). */
    private VoicePolicy policyOf(VoiceSessions.Authorized a) {
        return a.platformId() == null ? VoicePolicy.DEFAULT
                : platforms.byId(a.workspaceId(), a.platformId()).map(Platform::voicePolicy).orElse(VoicePolicy.DEFAULT);
    }

    private void checkAction(VoiceSessions.Authorized a, JsonNode body, ToolCall call, Decision.Builder trace) {
        VoicePolicy policy = policyOf(a);
        JsonNode callNode = body == null ? null : body.has("tool_call") ? body.path("tool_call") : body;
        List<String> kinds = new ArrayList<>();
        kinds.add(VoicePolicy.TOOL_CALL);
        String declared = callNode == null ? "" : callNode.path("action_kind").asText("");
        if (!declared.isEmpty() && !declared.equals(VoicePolicy.TOOL_CALL)) {
            kinds.add(declared);
        }
        ActionConstraints.Payment payment = null;
        if ("mpp.payment".equals(call.verb().name())) {
            if (!kinds.contains(VoicePolicy.PAYMENT)) {
                kinds.add(VoicePolicy.PAYMENT);
            }
            JsonNode spend = call.verbContext().path("spend_request_payload");
            if (spend.path("amount").canConvertToLong() && spend.path("currency").isTextual()) {
                payment = new ActionConstraints.Payment(spend.path("amount").longValue(), spend.path("currency").asText());
            }
        }
        for (String kind : kinds) {
            Optional<String> scope = policy.scopeFor(kind);
            if (scope.isEmpty()) {
                trace.fail("ratify_scope", "scope_denied", "scope_denied: the voice policy names no scope for action '"
                        + kind + "'", "action kind " + kind + " is not in the voice policy");
                return;
            }
            if (!Scopes.has(a.grantedScope(), scope.get())) {
                String reason = "scope_denied: required scope \"" + scope.get() + "\" not in effective delegation scope";
                trace.fail("ratify_scope", "scope_denied", reason, reason + " (action " + kind + ")");
                return;
            }
            trace.pass("ratify_scope", kind + " needs " + scope.get() + ": granted");
        }
        ActionConstraints.violation(a.chain(), clock.instant(), payment).ifPresentOrElse(
                v -> trace.fail("ratify_constraints", "constraint_denied", v, v),
                () -> trace.pass("ratify_constraints", "action-time constraints hold"));
    }

    /**
     * Only a streamed-turn proof makes {@link #check} write (it advances the session's stream
     * sequence); a revoked chain is a {@link Followup}, and a revocation that reaches a live session
     * appends to its chain, so a turn checked before it is redone under the row lock.
     */
    @Override
    public boolean mayWrite(String sessionId, ObjectNode body) {
        return hasTurnProof(body);
    }

    private static boolean hasTurnProof(ObjectNode body) {
        JsonNode proof = body == null ? null : body.get("ratify");
        return proof != null && proof.isObject() && proof.has("turn");
    }

    private void remember(String sessionId) {
        if (withoutProof.size() >= WITHOUT_PROOF_LIMIT) {
            withoutProof.clear();
        }
        withoutProof.add(sessionId);
    }
}
