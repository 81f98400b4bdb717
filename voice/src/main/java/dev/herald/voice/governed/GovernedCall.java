package dev.herald.voice.governed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.realtime.ActionPermitAnswer;
import dev.herald.governance.realtime.ActionVerb;
import dev.herald.governance.realtime.AtomBatch;
import dev.herald.governance.realtime.AtomIngestor;
import dev.herald.governance.realtime.AtomSignatures;
import dev.herald.governance.realtime.SessionService;
import dev.herald.governance.realtime.SessionView;
import dev.herald.governance.realtime.ToolCall;
import dev.herald.governance.realtime.TurnAnswer;
import dev.herald.governance.realtime.TurnService;
import dev.herald.platform.idempotency.Fingerprint;
import dev.herald.voice.core.call.Role;
import dev.herald.voice.core.profile.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One call's governed realtime session, as the call runner sees it. Every utterance becomes a
 * {@code transcript_span} atom signed by the workspace's sidecar key; every agent turn a turn
 * decision; every tool call an action permit under the tool's scope. The policy's disclosure and
 * consent rules are the engine's: the agent's first utterance is preceded by an
 * {@code ai_disclosure} marker only when it really contains the profile's disclosure line (else
 * the engine flags the session and denies the next turn), and a {@code recording_started} marker
 * is preceded by {@code consent_granted} only when the callee consented. One writer per call: not
 * thread-safe.
 */
public final class GovernedCall {
    private final ObjectMapper mapper;
    private final SessionService sessions;
    private final AtomIngestor atoms;
    private final TurnService turns;
    private final ActionVerb verb;
    private final WorkspaceGovernance.Setup setup;
    private final String callId;
    private final String sessionId;
    private final String disclosureLine;
    private long atomCount;
    private boolean agentSpoke;

    GovernedCall(ObjectMapper mapper, SessionService sessions, AtomIngestor atoms, TurnService turns, ActionVerb verb,
                 WorkspaceGovernance.Setup setup, String callId, String sessionId, String disclosureLine) {
        this.mapper = mapper;
        this.sessions = sessions;
        this.atoms = atoms;
        this.turns = turns;
        this.verb = verb;
        this.setup = setup;
        this.callId = callId;
        this.sessionId = sessionId;
        this.disclosureLine = disclosureLine;
    }

    public String sessionId() {
        return sessionId;
    }

    public String projectId() {
        return setup.projectId();
    }

    /**
     * Decides the agent's next turn before it is spoken. A denial (for example
     * {@code ai_disclosure_missing} after an undisclosed first turn) means the agent must not say it.
     */
    public Decision agentTurn(String text) {
        long start = System.nanoTime();
        long words = Math.max(1, text.split("\\s+").length);
        ObjectNode metadata = mapper.createObjectNode().put("call_id", callId).put("kind", "agent_turn");
        TurnAnswer a = turns.turn(setup.projectId(), sessionId, new TurnService.TurnRequest(words, words, 0,
                metadata, null, mapper.createObjectNode()));
        boolean allowed = "allow".equals(a.decision());
        return new Decision(allowed, allowed ? null : a.denial().reasonCode(),
                allowed ? null : a.denial().userFacingReason(), Optional.empty(), micros(start));
    }

    /** Asks an action permit for a tool call under the tool's scope. */
    public Decision toolCall(String toolCallId, Tool tool, Map<String, String> arguments) {
        long start = System.nanoTime();
        ObjectNode args = mapper.createObjectNode();
        new TreeMap<>(arguments).forEach(args::put);
        ObjectNode body = mapper.createObjectNode();
        body.put("tool_name", tool.wire()).put("call_id", toolCallId).put("action_kind", ToolScopes.actionKind(tool));
        body.set("arguments", args);
        ActionPermitAnswer a = turns.actionPermit(setup.projectId(), sessionId,
                new ToolCall(tool.wire(), toolCallId, verb, args, args), body);
        if (a.allowed()) {
            return new Decision(true, null, null, Optional.ofNullable(a.permit()).map(p -> p.permitId()),
                    micros(start));
        }
        return new Decision(false, a.denial().reasonCode(), a.denial().userFacingReason(), Optional.empty(),
                micros(start));
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    /**
     * Records a final utterance as a signed transcript atom (the agent's first preceded by its
     * disclosure marker); answers how long signing and ingesting took, in microseconds.
     */
    public long utterance(Role role, String text, Instant at) {
        long start = System.nanoTime();
        List<ObjectNode> batch = new ArrayList<>();
        if (role == Role.AGENT && !agentSpoke) {
            agentSpoke = true;
            if (!disclosureLine.isBlank() && text.contains(disclosureLine)) {
                batch.add(markerAtom("ai_disclosure", at));
            }
        }
        ObjectNode payload = mapper.createObjectNode().put("text", text);
        batch.add(atom("transcript_span", role == Role.AGENT ? "outbound" : "inbound", payload, at));
        ingest(batch);
        return micros(start);
    }

    /** The callee consented to recording and recording starts now. */
    public void recordingStarted(boolean consented, Instant at) {
        List<ObjectNode> batch = new ArrayList<>();
        if (consented) {
            batch.add(markerAtom("consent_granted", at));
        }
        batch.add(markerAtom("recording_started", at));
        ingest(batch);
    }

    /** A lifecycle marker of the call (answered, hangup requested, ...). */
    public void marker(String markerType, Instant at) {
        ingest(List.of(markerAtom(markerType, at)));
    }

    /**
     * Ends the session: terminal chain entry and ledger close, joining the caller's transaction
     * (the call's end), and answers the chain head hash. The artifact comes after the commit,
     * from {@link CallGovernance#attestation}.
     */
    public String close(Map<String, Long> usage) {
        ArrayNode metrics = mapper.createArrayNode();
        usage.forEach((meter, q) -> metrics.addObject().put("meter", meter).put("quantity", q));
        sessions.close(setup.projectId(), sessionId, metrics, mapper.createObjectNode().put("call_id", callId));
        return chainHead();
    }

    /** Fails the session with {@code reason}, joining the caller's transaction; answers the chain head hash. */
    public String fail(String reason) {
        sessions.fail(setup.projectId(), sessionId, reason);
        return chainHead();
    }

    private String chainHead() {
        SessionView view = sessions.get(setup.projectId(), sessionId);
        return view.chainHead().contentHash();
    }

    private ObjectNode markerAtom(String type, Instant at) {
        return atom("lifecycle_marker", null, mapper.createObjectNode().put("marker_type", type), at);
    }

    private ObjectNode atom(String type, String direction, ObjectNode payload, Instant at) {
        String key = callId + ".a" + (++atomCount);
        String ns = Long.toString(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L) + at.getNano());
        ObjectNode atom = mapper.createObjectNode();
        atom.put("atom_type", type).put("idempotency_key", key).put("captured_at_ns", ns);
        if (direction != null) {
            atom.put("direction", direction);
        }
        atom.set("payload", payload);
        byte[] signed = AtomSignatures.atomBytes(sessionId, type, key, ns, direction, payload);
        atom.putArray("signatures").addObject().put("algorithm", "ed25519").put("key_id", setup.sidecarKeyId())
                .put("signature", Base64.getEncoder().encodeToString(setup.seed().sign(signed)));
        return atom;
    }

    private void ingest(List<ObjectNode> batch) {
        ObjectNode body = mapper.createObjectNode();
        body.put("batch_idempotency_key", callId + ".b" + atomCount);
        ArrayNode events = body.putArray("events");
        batch.forEach(events::add);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String answer = atoms.ingest(setup.projectId(), sessionId, AtomBatch.read(body), Fingerprint.of(bytes))
                .answer().json();
        JsonNode result;
        try {
            result = mapper.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode r : result.path("results")) {
            if ("rejected".equals(r.path("status").asText())) {
                // Herald signs its own atoms: a rejection is a bug, never something to carry on past.
                throw new IllegalStateException("call " + callId + ": atom " + r.path("idempotency_key").asText()
                        + " rejected: " + r.path("reason").asText());
            }
        }
    }
}
