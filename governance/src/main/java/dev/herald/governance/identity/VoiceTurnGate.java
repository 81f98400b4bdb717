package dev.herald.governance.identity;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.herald.governance.realtime.SessionRow;
import dev.herald.governance.realtime.SessionService;
import dev.herald.governance.realtime.ToolCall;
import dev.herald.governance.realtime.TurnService;
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
 *   <li>revocation: a revoked cert in the session's chain denies (reason {@code revoked}) and the
 *       session then fails with reason {@code revoked};</li>
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
final class VoiceTurnGate implements TurnService.TurnGate {
    private final RatifyService ratify;
    private final PlatformService platforms;
    private final VoiceSessions sessions;
    private final SessionService realtime;
    private final Clock clock;
    /** Bound on {@link #withoutProof}; past it the memory starts over (a lookup is cheap, a leak is not). */
    private static final int WITHOUT_PROOF_LIMIT = 100_000;
    /**
     * Sessions known to have no Ratify agent. A session's Ratify record is written in the same
     * transaction that creates the session and never added later, so once a turn has seen that it
     * has none, it never will, on any node: the lookup is skipped on every later turn.
     */
    private final Set<String> withoutProof = ConcurrentHashMap.newKeySet();
    /** Sessions whose turn in this thread was denied for revocation, to be failed in {@link #after}. */
    private final ThreadLocal<Set<String>> toFail = ThreadLocal.withInitial(java.util.HashSet::new);

    VoiceTurnGate(RatifyService ratify, PlatformService platforms, VoiceSessions sessions, SessionService realtime,
                  Clock clock) {
        this.ratify = ratify;
        this.platforms = platforms;
        this.sessions = sessions;
        this.realtime = realtime;
        this.clock = clock;
    }

    @Override
    public void check(Handle h, SessionRow row, com.fasterxml.jackson.databind.node.ObjectNode body, ToolCall call,
                      Occasion occasion, Decision.Builder trace) {
        if (withoutProof.contains(row.id())) {
            trace.skip("ratify", "the session was not started with a Ratify proof");
            return;
        }
        Optional<VoiceSessions.Authorized> found = sessions.find(h, row.id());
        if (found.isEmpty() || !found.get().hasAgent()) {
            remember(row.id());
            trace.skip("ratify", "the session was not started with a Ratify proof");
            return;
        }
        VoiceSessions.Authorized a = found.get();
        String revokedCert = a.revokedCert() != null ? a.revokedCert() : firstRevoked(h, a);
        if (revokedCert != null) {
            trace.fail("ratify_revocation", "revoked", "revoked: delegation " + revokedCert
                    + " of this agent's chain has been revoked", "cert " + revokedCert + " is revoked");
            toFail.get().add(row.id());
            return;
        }
        trace.pass("ratify_revocation", "no cert of the chain is revoked");
        JsonNode turnProof = body == null ? null : body.path("ratify");
        if (turnProof != null && turnProof.isObject() && turnProof.has("turn")) {
            checkTurnProof(h, row, a, turnProof, trace);
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
    }

    private static String firstRevoked(Handle h, VoiceSessions.Authorized a) {
        for (var c : a.chain()) {
            int n = h.createQuery("SELECT COUNT(*) FROM ratify_revoked_certs WHERE workspace_id = :ws AND cert_id = :c")
                    .bind("ws", a.workspaceId()).bind("c", c.certId()).mapTo(Integer.class).one();
            if (n > 0) {
                return c.certId();
            }
        }
        return null;
    }

    private void checkTurnProof(Handle h, SessionRow row, VoiceSessions.Authorized a, JsonNode proof,
                                Decision.Builder trace) {
        VerifyResult result;
        try {
            SessionToken token = RatifyJson.decodeSessionToken(Base64.getDecoder().decode(proof.path("session_token").asText()));
            StreamedTurn turn = RatifyJson.decodeStreamedTurn(Base64.getDecoder().decode(proof.path("turn").asText()));
            if (!row.id().equals(token.sessionId())) {
                result = VerifyResult.failure(dev.herald.ratify.FailureReason.SESSION_TOKEN_INVALID,
                        "session_token was issued for another session");
            } else {
                Bytes context = VoiceContexts.turnContext(a.verifierId(), a.workspaceId(), a.agentId(), row.id());
                result = ratify.verifyTurn(a.workspaceId(), a.projectId(), token, sessions.secret(h, row.id()), turn,
                        "meeting:speak", context, new StreamContext(a.streamId(), a.lastStreamSeq()));
                if (result.valid() && !sessions.advance(h, row.id(), a.lastStreamSeq(), turn.streamSeq())) {
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

    /** Only a session with a Ratify agent has a stream sequence to advance or can be failed here. */
    @Override
    public boolean mayWrite(String sessionId) {
        return !withoutProof.contains(sessionId);
    }

    private void remember(String sessionId) {
        if (withoutProof.size() >= WITHOUT_PROOF_LIMIT) {
            withoutProof.clear();
        }
        withoutProof.add(sessionId);
    }

    @Override
    public void after(Handle h, SessionRow row, Decision decision) {
        Set<String> pending = toFail.get();
        if (pending.remove(row.id()) && !decision.allowed()) {
            realtime.fail(row.projectId(), row.id(), "revoked");
        }
    }
}
