package dev.herald.governance.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.Constraint;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.RatifyDecodeException;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.Scopes;
import dev.herald.ratify.SessionToken;
import dev.herald.ratify.SessionTokens;
import dev.herald.ratify.SignableBytes;
import dev.herald.ratify.VerifierContext;
import dev.herald.ratify.VerifyResult;
import dev.herald.governance.platforms.Platform;
import dev.herald.governance.platforms.PlatformService;
import dev.herald.governance.platforms.VoicePolicy;
import dev.herald.governance.policy.Decision;
import dev.herald.governance.realtime.StartAuthorization;
import dev.herald.governance.realtime.StartRequest;
import dev.herald.governance.realtime.StartedSession;
import dev.herald.platform.store.Database;
import dev.herald.platform.webhooks.WebhookEvents;
import dev.herald.platform.webhooks.WebhookService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Proof at session start (Ratify Voice surface). When a voice platform's key starts a session, or
 * any caller presents {@code proof} (base64 ProofBundle), the bundle is fully verified (SPEC 10)
 * against the workspace's revocation state, with its challenge bound to this start through
 * {@link VoiceContexts#startContext}; the platform's voice policy decides whether a proof is
 * required and which scopes the agent must hold. A failure denies the start with the Ratify
 * failure reason and nothing is written (a {@code agent.session.denied} callback is queued
 * afterwards). On success the session records the authorization in its permit and as a
 * {@code voice.agent.authorized} chain entry, and the answer carries a Ratify session token.
 */
final class VoiceStartAuthorization implements StartAuthorization {
    /** How long a session token is accepted; revocation is still checked on every turn. */
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final String RULE = "ratify_proof";

    private final Database db;
    private final RatifyService ratify;
    private final PlatformService platforms;
    private final WebhookService webhooks;
    private final VoiceSessions sessions;
    private final Clock clock;
    private final SecureRandom random;
    private final ObjectMapper mapper;

    VoiceStartAuthorization(Database db, RatifyService ratify, PlatformService platforms, WebhookService webhooks,
                            VoiceSessions sessions, Clock clock, SecureRandom random, ObjectMapper mapper) {
        this.db = db;
        this.ratify = ratify;
        this.platforms = platforms;
        this.webhooks = webhooks;
        this.sessions = sessions;
        this.clock = clock;
        this.random = random;
        this.mapper = mapper;
    }

    @Override
    public Admission check(Handle h, StartRequest req, Decision.Builder trace) {
        Optional<Platform> platform = platforms.ofCaller(req.caller());
        JsonNode proof = req.body().path("proof");
        VoicePolicy policy = platform.map(Platform::voicePolicy).orElse(VoicePolicy.DEFAULT);
        if (platform.isPresent() && !platform.get().isActive()) {
            trace.fail(RULE, "platform_disabled", "This voice platform is disabled.", "platform is disabled");
            return untracked(req);
        }
        if (proof.isMissingNode() || proof.isNull()) {
            if (platform.isPresent() && policy.proofRequired()) {
                trace.fail(RULE, "proof_required",
                        "This voice platform's policy requires a Ratify proof to start a session.",
                        "no proof presented; the voice policy of platform " + platform.get().id() + " requires one");
                return untracked(req);
            }
            trace.skip(RULE, "no proof presented and none required");
            return platform.isPresent()
                    ? new Start(req, platform.get(), verifierId(platform, req), null, null, null)
                    : untracked(req);
        }
        String verifierId = verifierId(platform, req);
        ProofBundle bundle;
        VerifyResult result;
        try {
            bundle = RatifyJson.decodeProofBundle(Base64.getDecoder().decode(proof.asText()));
        } catch (IllegalArgumentException | RatifyDecodeException e) {
            VerifyResult r = e instanceof RatifyDecodeException d ? RatifyJson.decodeFailureResult(d)
                    : VerifyResult.failure(dev.herald.ratify.FailureReason.MALFORMED, "proof is not valid base64");
            fail(trace, r);
            return new Start(req, platform.orElse(null), verifierId, null, r, null);
        }
        Bytes context = VoiceContexts.startContext(verifierId, req.workspaceId(), bundle.agentId(),
                req.idempotencyKey(), req.projectId());
        List<String> required = policy.requiredSessionScopes();
        result = ratify.verify(req.caller(), bundle, new RatifyService.Request(
                required.isEmpty() ? "" : required.getFirst(), context, true, startContext(bundle)));
        if (result.valid()) {
            for (String scope : required) {
                if (!Scopes.has(result.grantedScope(), scope)) {
                    result = VerifyResult.failure(dev.herald.ratify.FailureReason.SCOPE_DENIED,
                            "required scope \"" + scope + "\" not in effective delegation scope");
                    break;
                }
            }
        }
        if (!result.valid()) {
            fail(trace, result);
            return new Start(req, platform.orElse(null), verifierId, bundle, result, bundle.agentId());
        }
        trace.pass(RULE, "agent " + result.agentId() + " authorized by " + result.humanId() + " with "
                + result.grantedScope());
        return new Start(req, platform.orElse(null), verifierId, bundle, result, bundle.agentId());
    }

    private static String verifierId(Optional<Platform> platform, StartRequest req) {
        return VoiceContexts.verifierId(platform.map(Platform::id).orElse(null), req.projectId());
    }

    private static void fail(Decision.Builder trace, VerifyResult r) {
        String reason = r.errorReason() == null ? r.identityStatus().wire() : r.errorReason();
        String code = r.reason() == null ? r.identityStatus().wire() : r.reason().code();
        trace.fail(RULE, code, reason, reason);
    }

    /**
     * A session start moves no money: a {@code max_amount} constraint is evaluated against a zero
     * amount in its own currency (payments are checked per action later).
     */
    private static VerifierContext startContext(ProofBundle bundle) {
        VerifierContext.Builder b = VerifierContext.builder();
        for (DelegationCert c : bundle.delegations()) {
            for (Constraint k : c.constraints()) {
                if (k instanceof Constraint.MaxAmount m) {
                    return b.amount(0, m.currency()).build();
                }
            }
        }
        return b.build();
    }

    /** A start this hook has nothing to record for: only a denial is reported, when a platform's key asked. */
    private Admission untracked(StartRequest req) {
        return new Admission() {
            @Override
            public void denied(Decision decision) {
                platforms.ofCaller(req.caller()).ifPresent(p -> reportDenied(req, p.id(), null, decision));
            }
        };
    }

    /**
     * What {@link #check} learned about one start: the platform (null for a caller that is none),
     * and the proof's verification when one was presented ({@code result} null when none was).
     * Lives for that start only, on its thread.
     */
    private final class Start implements Admission {
        private final StartRequest req;
        private final Platform platform;
        private final String verifierId;
        private final ProofBundle bundle;
        private final VerifyResult result;
        private final String agentHint;
        /** Issued once the session exists, for {@link #decorate}. */
        private SessionToken token;
        private String sessionId;

        Start(StartRequest req, Platform platform, String verifierId, ProofBundle bundle, VerifyResult result,
              String agentHint) {
            this.req = req;
            this.platform = platform;
            this.verifierId = verifierId;
            this.bundle = bundle;
            this.result = result;
            this.agentHint = agentHint;
        }

        @Override
        public void created(Handle h, StartedSession session) {
            String sessionId = session.sessionId();
            long now = clock.millis();
            String platformId = platform == null ? null : platform.id();
            if (result == null) {
                sessions.insert(h, new VoiceSessions.Authorized(sessionId, req.workspaceId(), req.projectId(),
                        platformId, verifierId, null, null, List.of(), List.of(), null, 0, null, null), null, 0, now);
                return;
            }
            VerifyResult r = result;
            byte[] secretBytes = new byte[32];
            random.nextBytes(secretBytes);
            Bytes secret = Bytes.of(secretBytes);
            long issuedAt = clock.instant().getEpochSecond();
            SessionToken issued = SessionTokens.issue(bundle, r, sessionId, issuedAt,
                    issuedAt + TOKEN_LIFETIME.toSeconds(), secret);
            sessions.insert(h, new VoiceSessions.Authorized(sessionId, req.workspaceId(), req.projectId(), platformId,
                    verifierId, r.humanId(), r.agentId(), r.grantedScope(), bundle.delegations(),
                    VoiceContexts.streamId(sessionId), 0, null, null), secret, issued.validUntil(), now);
            ObjectNode auth = mapper.createObjectNode();
            auth.put("human_id", r.humanId());
            auth.put("agent_id", r.agentId());
            auth.set("granted_scope", mapper.valueToTree(r.grantedScope()));
            auth.set("cert_ids", mapper.valueToTree(bundle.delegations().stream().map(DelegationCert::certId).toList()));
            auth.put("chain_hash", SignableBytes.chainHash(bundle.delegations()).toHex());
            auth.put("verifier_id", verifierId);
            if (platformId != null) {
                auth.put("platform_id", platformId);
            }
            ObjectNode attrs = mapper.createObjectNode();
            attrs.put("category", "identity");
            attrs.put("decision", "allowed");
            attrs.put("outcome", "agent_authorized");
            ObjectNode payload = auth.deepCopy();
            payload.put("session_context", VoiceContexts.startContext(verifierId, req.workspaceId(), r.agentId(),
                    req.idempotencyKey(), req.projectId()).toHex());
            payload.put("protocol", "ratify/v1");
            session.append("voice.agent.authorized", attrs, payload);
            // The session permit names who authorized the speaker.
            session.addToPermit("ratify_authorization", auth);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("session_id", sessionId);
            event.put("project_id", req.projectId());
            event.put("platform_id", platformId);
            event.put("human_id", r.humanId());
            event.put("agent_id", r.agentId());
            event.put("granted_scope", r.grantedScope());
            webhooks.enqueue(h, req.workspaceId(), platformId, WebhookEvents.AGENT_SESSION_AUTHORIZED, event);
            this.token = issued;
            this.sessionId = sessionId;
        }

        @Override
        public void decorate(ObjectNode body) {
            if (token == null) {
                return;
            }
            ObjectNode out = body.putObject("ratify");
            out.put("human_id", result.humanId());
            out.put("agent_id", result.agentId());
            out.set("granted_scope", mapper.valueToTree(result.grantedScope()));
            out.put("session_token", Base64.getEncoder().encodeToString(RatifyJson.encode(token)));
            out.put("token_valid_until", token.validUntil());
            out.put("verifier_id", verifierId);
            out.put("stream_id", VoiceContexts.streamId(sessionId).toBase64());
        }

        @Override
        public void denied(Decision decision) {
            String platformId = platform != null ? platform.id()
                    : platforms.ofCaller(req.caller()).map(Platform::id).orElse(null);
            reportDenied(req, platformId, agentHint, decision);
        }
    }

    /** The session token is a bearer credential for the session's turns: the stored answer keeps it sealed. */
    @Override
    public void sealStored(String sessionId, ObjectNode stored) {
        if (stored.path("ratify").path("session_token").isTextual()) {
            ObjectNode out = (ObjectNode) stored.get("ratify");
            out.put("session_token", sessions.sealToken(sessionId, out.get("session_token").asText()));
        }
    }

    @Override
    public void openStored(String sessionId, ObjectNode stored) {
        if (stored.path("ratify").path("session_token").isTextual()) {
            ObjectNode out = (ObjectNode) stored.get("ratify");
            out.put("session_token", sessions.openToken(sessionId, out.get("session_token").asText()));
        }
    }

    /** Queues {@code agent.session.denied} once the denied start rolled back (outside its transaction). */
    private void reportDenied(StartRequest req, String platformId, String agentId, Decision decision) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("project_id", req.projectId());
        event.put("platform_id", platformId);
        event.put("idempotency_key", req.idempotencyKey());
        event.put("agent_id", agentId);
        event.put("reason_code", decision.reasonCode());
        event.put("reason", decision.userFacingReason());
        db.write(h -> webhooks.enqueue(h, req.workspaceId(), platformId, WebhookEvents.AGENT_SESSION_DENIED, event));
    }
}
