package dev.herald.voice.governed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.identity.RatifyService;
import dev.herald.governance.identity.VoiceContexts;
import dev.herald.governance.realtime.ActionVerbs;
import dev.herald.governance.realtime.AtomIngestor;
import dev.herald.governance.realtime.SessionDenied;
import dev.herald.governance.realtime.SessionService;
import dev.herald.governance.realtime.StartRequest;
import dev.herald.governance.realtime.TurnService;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.idempotency.Fingerprint;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.RatifyJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a call into an authorized, governed, attested realtime session of the workspace's
 * {@code voice} project. {@link #open} asks the profile's agent for a Ratify proof over a challenge
 * bound to this start ({@link VoiceContexts#startContext}, the call id as the permit's idempotency
 * key) and starts the session with it: the session's voice policy then checks each tool call
 * against the scopes the agent's delegation grants. Thread-safe.
 */
public final class CallGovernance {
    /** The key id the voice module's in-process caller carries (it holds no API key). */
    static final String CALLER_KEY = "voice-module";

    private final ObjectMapper mapper;
    private final WorkspaceGovernance workspaces;
    private final RatifyService ratify;
    private final SessionService sessions;
    private final AtomIngestor atoms;
    private final TurnService turns;
    private final AgentProofs agents;

    public CallGovernance(ObjectMapper mapper, WorkspaceGovernance workspaces, RatifyService ratify,
                          SessionService sessions, AtomIngestor atoms, TurnService turns, AgentProofs agents) {
        this.mapper = mapper;
        this.workspaces = workspaces;
        this.ratify = ratify;
        this.sessions = sessions;
        this.atoms = atoms;
        this.turns = turns;
        this.agents = agents;
    }

    /** What a call's session starts with. */
    public record Opening(String workspaceId, String callId, String profileId, int profileVersion, String leadId,
                          String provider, String disclosureLine) {
    }

    /** The session could not start: Ratify or the policy denied it (reason code and reason). */
    public static final class Refused extends RuntimeException {
        private final String reasonCode;

        Refused(String reasonCode, String reason) {
            super(reason);
            this.reasonCode = reasonCode;
        }

        public String reasonCode() {
            return reasonCode;
        }
    }

    /**
     * Starts the call's session with the agent's proof. Not inside a transaction (the start is its
     * own). A second open of the same call replays the first start (same session).
     *
     * @throws Refused when the proof or the policy denies the start
     */
    public GovernedCall open(Opening o) {
        WorkspaceGovernance.Setup setup = workspaces.of(o.workspaceId());
        Caller caller = caller(setup);
        String agentId = agents.agentId(o.workspaceId(), o.profileId());
        String verifierId = VoiceContexts.verifierId(null, setup.projectId());
        Bytes context = VoiceContexts.startContext(verifierId, o.workspaceId(), agentId, o.callId(), setup.projectId());
        Bytes challenge = ratify.issueChallenge(caller, context).challenge();
        ProofBundle proof = agents.present(o.workspaceId(), o.profileId(), challenge, context);
        ObjectNode metadata = mapper.createObjectNode();
        metadata.put("call_id", o.callId()).put("profile_id", o.profileId()).put("profile_version", o.profileVersion());
        if (o.leadId() != null) {
            metadata.put("lead_id", o.leadId());
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("proof", Base64.getEncoder().encodeToString(RatifyJson.encode(proof)));
        body.set("metadata", metadata);
        StartRequest req = new StartRequest(o.workspaceId(), setup.projectId(), o.callId(), "voice_agent", agentId,
                "voice_call", o.callId(), o.provider(), "herald-qualifier", "voice.call", "realtime", 0, 0, metadata,
                -1, body, caller);
        String answer;
        try {
            answer = sessions.start(req, Fingerprint.of(o.callId().getBytes(StandardCharsets.UTF_8),
                    o.profileId().getBytes(StandardCharsets.UTF_8))).answer().json();
        } catch (SessionDenied denied) {
            throw new Refused(denied.decision().reasonCode(), denied.decision().userFacingReason());
        }
        String sessionId = read(answer).path("session_id").asText();
        return new GovernedCall(mapper, sessions, atoms, turns, ActionVerbs.standard().find(ActionVerbs.DEFAULT)
                .orElseThrow(), setup, o.callId(), sessionId, o.disclosureLine());
    }

    /**
     * Fails the session of a call that was lost mid-way (its node died), joining the caller's
     * transaction; answers its chain head hash, or empty when the session had already closed.
     */
    public Optional<String> failLost(String workspaceId, String sessionId, String reason) {
        WorkspaceGovernance.Setup setup = workspaces.of(workspaceId);
        if (!"active".equals(sessions.get(setup.projectId(), sessionId).status())) {
            return Optional.empty();
        }
        sessions.fail(setup.projectId(), sessionId, reason);
        return Optional.of(sessions.get(setup.projectId(), sessionId).chainHead().contentHash());
    }

    /**
     * The signed attestation artifact of an ended or failed session. Outside any transaction (it
     * may be time-stamped over the network); empty when it cannot be assembled yet.
     */
    public Optional<byte[]> attestation(String workspaceId, String sessionId) {
        WorkspaceGovernance.Setup setup = workspaces.of(workspaceId);
        try {
            return Optional.of(sessions.attestation(setup.projectId(), sessionId));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The workspace's voice project id (set up on first use). */
    public String projectOf(String workspaceId) {
        return workspaces.of(workspaceId).projectId();
    }

    private static Caller caller(WorkspaceGovernance.Setup setup) {
        return new Caller(setup.workspaceId(), setup.projectId(), CALLER_KEY, Set.of());
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
