package dev.herald.voice.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.store.Database;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.voice.core.call.CallCost;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.EndReason;
import dev.herald.voice.core.call.Role;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.qualifier.CallContext;
import dev.herald.voice.core.qualifier.RecordingConsent;
import dev.herald.voice.core.qualifier.ToolCall;
import dev.herald.voice.core.qualifier.ToolResult;
import dev.herald.voice.core.simulation.CallObserver;
import dev.herald.voice.core.simulation.ConversationRunner;
import dev.herald.voice.core.simulation.SimClock;
import dev.herald.voice.core.simulation.SimulatedCall;
import dev.herald.voice.governed.CallGovernance;
import dev.herald.voice.governed.Decision;
import dev.herald.voice.governed.GovernedCall;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one claimed call on the simulated provider: opens its governed session with the agent's
 * proof, runs the qualifier against the lead's persona on a clock paced by
 * the node's simulation speed (compressed at 0), reports every utterance, turn decision
 * and tool call to the call's event log and session as it happens, asks an action permit for each
 * tool call, and ends the call in one transaction (row, session close, CRM write-back, webhooks,
 * events). Stops at the next step when a hangup is requested; gives up when its lease is lost.
 */
final class CallPlayer {
    private static final Logger log = LoggerFactory.getLogger(CallPlayer.class);

    /** Thrown when another node declared this call lost: this node must stop and write nothing. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(String callId) {
            super("call " + callId + " is no longer this node's");
        }
    }

    /** The running call's hold on its row. */
    interface Lease {
        /** Renews the lease when due and tells whether a hangup was requested; throws {@link LeaseLost}. */
        boolean hangupRequested();

        String node();
    }

    private final Database db;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final CallStore store;
    private final CallEventLog events;
    private final CallGovernance governance;
    private final CallDirectory directory;
    private final CallToolbox toolbox;
    private final CrmWriteBack crm;
    private final CallRecorder recorder;
    private final WebhookService webhooks;
    private final double simulationSpeed;

    CallPlayer(Database db, Clock clock, ObjectMapper mapper, CallStore store, CallEventLog events,
               CallGovernance governance, CallDirectory directory, CallToolbox toolbox, CrmWriteBack crm,
               CallRecorder recorder, WebhookService webhooks, double simulationSpeed) {
        this.db = db;
        this.clock = clock;
        this.mapper = mapper;
        this.store = store;
        this.events = events;
        this.governance = governance;
        this.directory = directory;
        this.toolbox = toolbox;
        this.crm = crm;
        this.recorder = recorder;
        this.webhooks = webhooks;
        this.simulationSpeed = simulationSpeed;
    }

    void play(CallRecord call, Lease lease) {
        String ws = call.workspaceId();
        CallDirectory.ProfileVersion profile = directory.version(ws, call.profileId(), call.profileVersion());
        Lead lead = call.leadId() == null ? null : directory.lead(ws, call.leadId());
        CallContext context = lead == null ? CallContext.anonymous(call.id())
                : new CallContext(call.leadId(), lead.name(), lead.company(), lead.timeZone());
        db.write(h -> {
            events.append(h, ws, call.id(), CallEventType.DIALLING, Map.of("status", CallRecord.DIALLING));
            webhooks.enqueue(h, ws, null, "call.started", started(call));
            return null;
        });
        GovernedCall governed;
        try {
            governed = governance.open(new CallGovernance.Opening(ws, call.id(), call.profileId(),
                    profile.version(), call.leadId(), call.provider(), profile.profile().aiDisclosure()));
        } catch (CallGovernance.Refused refused) {
            end(call, lease, null, null, null, refused.reasonCode() + ": " + refused.getMessage());
            return;
        }
        db.write(h -> {
            store.session(h, call.id(), governed.sessionId(), governed.projectId(), clock.millis());
            return null;
        });
        Map<String, Decision> permits = new HashMap<>();
        ConversationRunner runner = new ConversationRunner(profile.profile(), call.objective(), toolCall -> {
            Decision d = governed.toolCall(toolCall.id(), toolCall.tool(), toolCall.arguments());
            permits.put(toolCall.id(), d);
            return d.allowed() ? Optional.empty() : Optional.of(d.reason());
        }, toolbox.forCall(call, profile.profile()));
        double speed = simulationSpeed;
        SimClock simClock = speed == 0 ? SimClock.compressed(clock.instant())
                : SimClock.paced(clock.instant(), speed, d -> sleep(d.toMillis(), lease));
        SimulatedCall played = runner.run(context, simClock, new Observer(call, governed, lease, permits));
        end(call, lease, governed, played, simClock.instant(), null);
    }

    /**
     * Waits for real in slices of at most {@value #SLICE_MS} ms, renewing the lease between them: one
     * simulated step (a long ring, a long utterance at real pace) may outlast the lease.
     */
    private static void sleep(long millis, Lease lease) throws InterruptedException {
        for (long left = millis; left > 0; left -= SLICE_MS) {
            Thread.sleep(Math.min(left, SLICE_MS));
            lease.hangupRequested();
        }
    }

    private static final long SLICE_MS = 2_000;

    /** Reports the call as it happens: to the event log (live streams) and to the governed session. */
    private final class Observer implements CallObserver {
        private final CallRecord call;
        private final GovernedCall governed;
        private final Lease lease;
        private final Map<String, Decision> permits;

        Observer(CallRecord call, GovernedCall governed, Lease lease, Map<String, Decision> permits) {
            this.call = call;
            this.governed = governed;
            this.lease = lease;
            this.permits = permits;
        }

        private void event(CallEventType type, Map<String, Object> data) {
            db.write(h -> events.append(h, call.workspaceId(), call.id(), type, data));
        }

        @Override
        public void answered(Instant at) {
            db.write(h -> {
                store.answered(h, call.id(), clock.millis());
                events.append(h, call.workspaceId(), call.id(), CallEventType.ANSWERED,
                        Map.of("status", CallRecord.IN_PROGRESS, "answered_at", at.toString()));
                webhooks.enqueue(h, call.workspaceId(), null, "call.answered",
                        Map.of("call_id", call.id(), "answered_at", at.toString()));
                return null;
            });
        }

        @Override
        public Optional<String> agentTurn(String text, Instant at) {
            Decision d = governed.agentTurn(text);
            event(CallEventType.TURN_DECISION, CallJson.turnDecision(d));
            return d.allowed() ? Optional.empty() : Optional.of(d.reason());
        }

        @Override
        public void partial(Role role, String textSoFar, long startMs) {
            event(CallEventType.PARTIAL_UTTERANCE, Map.of("role", role.wire(), "text", textSoFar, "start_ms", startMs));
        }

        @Override
        public void utterance(TranscriptTurn turn, Instant at) {
            long micros = governed.utterance(turn.role(), turn.text(), at);
            event(CallEventType.FINAL_UTTERANCE, CallJson.finalUtterance(turn, micros));
        }

        @Override
        public void toolCall(ToolCall toolCall, long atMs) {
            event(CallEventType.TOOL_CALL, Map.of("tool_call_id", toolCall.id(), "tool", toolCall.tool().wire(),
                    "arguments", toolCall.arguments(), "at_ms", atMs));
        }

        @Override
        public void toolDecision(ToolCall toolCall, Optional<String> denial, long atMs) {
            Decision d = permits.get(toolCall.id());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("tool_call_id", toolCall.id());
            data.put("tool", toolCall.tool().wire());
            data.put("decision", denial.isEmpty() ? "allow" : "deny");
            data.put("reason_code", d == null ? null : d.reasonCode());
            data.put("reason", denial.orElse(null));
            data.put("permit_id", d == null ? null : d.permitId().orElse(null));
            data.put("latency_us", d == null ? null : d.micros());
            event(CallEventType.TOOL_DECISION, data);
        }

        @Override
        public void toolResult(ToolCall toolCall, ToolResult result, long atMs) {
            event(CallEventType.TOOL_RESULT, Map.of("tool_call_id", toolCall.id(), "tool", toolCall.tool().wire(),
                    "result", CallJson.toolResult(result)));
        }

        @Override
        public boolean hangupRequested() {
            return lease.hangupRequested();
        }
    }

    /**
     * Ends the call in one transaction: its row (guarded by this node's lease), the session's close,
     * the CRM write-back, the webhooks and the last events. {@code played} null: the call never got a
     * session ({@code failure} says why). A lost lease rolls all of it back: the node that declared
     * the call lost recorded its end.
     */
    void end(CallRecord call, Lease lease, GovernedCall governed, SimulatedCall played, Instant simEnd,
                     String failure) {
        String ws = call.workspaceId();
        boolean consented = played != null && played.recording() == RecordingConsent.GRANTED;
        if (consented && recorder != null) {
            governed.recordingStarted(true, simEnd);
        }
        long now = clock.millis();
        // A driven (test) call may end played but failed (it expired idle): failed, with its own end reason.
        boolean failed = played == null || failure != null;
        CallOutcome outcome = failed ? CallOutcome.FAILED : played.outcome();
        EndReason reason = played == null ? EndReason.POLICY_DENIED : played.end().reason();
        String code = played == null ? "herald:session_refused" : played.end().providerCode().orElse(null);
        String transcript = played == null ? "[]" : json(CallJson.transcript(played.transcript()));
        Map<String, Object> verdict = played == null ? null : CallJson.verdict(played.verdict());
        String summary = played == null ? "The call did not start: " + failure
                : failure != null ? failure : played.summary();
        Long answeredAt = played == null ? null : played.answeredAt().map(a -> now - played.durationMs()).orElse(null);
        String status = failed ? CallRecord.FAILED : CallRecord.ENDED;
        boolean booked = played != null && played.verdict().meeting().isPresent();
        String head = db.write(h -> {
            CallStore.Finish finish = new CallStore.Finish(call.id(), status, outcome.wire(), reason.wire(), code,
                    played == null ? 0 : played.durationMs(), transcript, summary,
                    verdict == null ? null : json(verdict), played == null ? null : played.verdict().qualified(),
                    booked, governed == null ? null : governed.sessionId(),
                    governed == null ? null : governed.projectId(), null, null, now,
                    CallCost.Rate.of(call.provider()).map(r -> r.of(played == null ? 0 : played.durationMs())).orElse(null));
            if (!store.finish(h, finish, lease.node())) {
                throw new LeaseLost(call.id());
            }
            String chainHead = null;
            if (governed != null) {
                chainHead = governed.close(Map.of("call_duration_ms", played.durationMs(),
                        "agent_turns", played.transcript().stream().filter(t -> t.role() == Role.AGENT).count()));
                store.chainHead(h, call.id(), chainHead);
            }
            if (played != null && call.leadId() != null && crm != null) {
                crm.recordVerdict(h, ws, call.leadId(), new CallVerdict(call.id(), outcome, played.verdict().qualified(),
                        played.verdict().score(), json(CallJson.answers(played.verdict().answers())),
                        played.verdict().meeting(), played.verdict().followUps(), summary, governed.sessionId(), chainHead,
                        Instant.ofEpochMilli(now)));
            }
            Map<String, Object> ended = new LinkedHashMap<>();
            ended.put("call_id", call.id());
            ended.put("status", status);
            ended.put("outcome", outcome.wire());
            ended.put("end_reason", reason.wire());
            ended.put("provider_end_code", code);
            ended.put("duration_ms", played == null ? 0 : played.durationMs());
            ended.put("cost", finish.cost() == null ? null
                    : Map.of("amount_micros", finish.cost().amountMicros(), "currency", finish.cost().currency()));
            ended.put("session_id", governed == null ? null : governed.sessionId());
            ended.put("chain_head_hash", chainHead);
            events.append(h, ws, call.id(), CallEventType.ENDED, ended);
            webhooks.enqueue(h, ws, null, "call.ended", ended);
            if (played != null && !played.transcript().isEmpty()) {
                webhooks.enqueue(h, ws, null, "call.transcript.completed", Map.of("call_id", call.id(),
                        "transcript", CallJson.transcript(played.transcript())));
            }
            Map<String, Object> run = new LinkedHashMap<>(ended);
            run.put("lead_id", call.leadId());
            run.put("profile_id", call.profileId());
            run.put("profile_version", call.profileVersion());
            run.put("campaign_id", call.campaignId());
            run.put("verdict", verdict);
            run.put("summary", summary);
            events.append(h, ws, call.id(), CallEventType.VERDICT, run);
            webhooks.enqueue(h, ws, null, "agent.run.completed", run);
            if (consented && recorder != null) {
                recorder.expect(ws, call.id());
            }
            return chainHead;
        });
        if (governed != null) {
            // Assembled (and time-stamped) now, after the commit, so the call's link answers at once.
            governance.attestation(ws, governed.sessionId());
        }
        if (consented && recorder != null) {
            recorder.record(ws, call.id(), played);
        }
        log.debug("call {} ended: {} ({}), chain head {}", call.id(), outcome.wire(), reason.wire(), head);
    }

    private Map<String, Object> started(CallRecord call) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("call_id", call.id());
        m.put("direction", call.direction());
        m.put("provider", call.provider());
        m.put("lead_id", call.leadId());
        m.put("profile_id", call.profileId());
        m.put("campaign_id", call.campaignId());
        m.put("started_at", clock.instant().toString());
        return m;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
