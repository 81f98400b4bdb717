package dev.herald.voice.testcalls;

import dev.herald.platform.store.Database;
import dev.herald.voice.calls.CallEventLog;
import dev.herald.voice.calls.CallEventType;
import dev.herald.voice.calls.CallJson;
import dev.herald.voice.calls.CallRecord;
import dev.herald.voice.core.call.CallEnd;
import dev.herald.voice.core.call.EndReason;
import dev.herald.voice.core.call.Role;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.qualifier.AgentAction;
import dev.herald.voice.core.qualifier.CallContext;
import dev.herald.voice.core.qualifier.QualifierAgent;
import dev.herald.voice.core.qualifier.QualifierResult;
import dev.herald.voice.core.qualifier.ToolCall;
import dev.herald.voice.core.qualifier.ToolResult;
import dev.herald.voice.core.simulation.SimulatedCall;
import dev.herald.voice.core.simulation.ToolEvent;
import dev.herald.voice.core.simulation.ToolExecutor;
import dev.herald.voice.governed.Decision;
import dev.herald.voice.governed.GovernedCall;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One test call in progress on this node: the qualifier, the call's governed session and what was
 * said so far. The callee's words come from the API; the agent's answers are decided and recorded
 * exactly as on a simulated call (turn decision before a turn is said, an action permit before a
 * tool runs, a signed atom and live events for every utterance). One driver at a time: callers
 * hold {@link #lock} (a second request gets a 409 instead of waiting).
 */
final class LiveTestCall {
    /** Agent and callee speech pace used for the transcript's times (words a minute). */
    private static final int AGENT_WPM = 165;
    private static final int CALLEE_WPM = 150;
    private static final int PARTIAL_WORDS = 4;

    final ReentrantLock lock = new ReentrantLock();
    final CallRecord call;
    final GovernedCall governed;
    private final Database db;
    private final Clock clock;
    private final CallEventLog events;
    private final QualifierAgent agent;
    private final CallContext context;
    private final ToolExecutor tools;
    private final Instant answered;
    /** Read by GET requests while the driver appends: copy on write. */
    private final List<TranscriptTurn> transcript = new CopyOnWriteArrayList<>();
    private final List<ToolEvent> toolEvents = new ArrayList<>();
    private long cursorMs;
    private volatile long lastActivity;
    private EndReason lineEnd;
    private boolean finished;

    LiveTestCall(CallRecord call, GovernedCall governed, Database db, Clock clock, CallEventLog events,
                 QualifierAgent agent, CallContext context, ToolExecutor tools) {
        this.call = call;
        this.governed = governed;
        this.db = db;
        this.clock = clock;
        this.events = events;
        this.agent = agent;
        this.context = context;
        this.tools = tools;
        this.answered = clock.instant();
        this.lastActivity = clock.millis();
    }

    long lastActivity() {
        return lastActivity;
    }

    void touch() {
        lastActivity = clock.millis();
    }

    /** True once the line closed (the agent hung up, the callee did, or a turn was denied). */
    boolean over() {
        return lineEnd != null;
    }

    boolean finished() {
        return finished;
    }

    void markFinished() {
        finished = true;
    }

    List<TranscriptTurn> transcript() {
        return List.copyOf(transcript);
    }

    /** The agent's opening: lookup, greeting with disclosure and the recording question. */
    List<Step> start() {
        return run(agent.start());
    }

    /** The callee's next move, and everything the agent does in answer. */
    List<Step> hear(CalleeInput input) {
        return switch (input) {
            case CalleeInput.Says s -> {
                speak(Role.USER, s.text(), CALLEE_WPM);
                yield run(agent.hear(s.text()));
            }
            case CalleeInput.Silence s -> run(agent.silence());
            case CalleeInput.HangsUp h -> {
                agent.calleeHungUp();
                lineEnd = EndReason.CALLEE_HUNG_UP;
                yield List.of(Step.hangup(lineEnd.wire(), ms()));
            }
        };
    }

    /** Closes the line for {@code reason} (the API's end, an operator's hangup, idle expiry). */
    void close(EndReason reason) {
        if (lineEnd == null) {
            agent.end(reason);
            lineEnd = reason;
        }
    }

    EndReason lineEnd() {
        return lineEnd;
    }

    /** The call as the calls package's end path takes it (the agent's verdict, what was said, the tools used). */
    SimulatedCall played() {
        QualifierResult r = agent.result().orElseThrow();
        Instant end = answered.plusMillis(Math.max(cursorMs, clock.millis() - answered.toEpochMilli()));
        return new SimulatedCall(context.leadId(), null, answered, Optional.of(answered), end, r.outcome(),
                CallEnd.of(lineEnd, "test:" + lineEnd.wire()), transcript, toolEvents, r.verdict(), r.summary(),
                r.recording());
    }

    private List<Step> run(List<AgentAction> actions) {
        Deque<AgentAction> queue = new ArrayDeque<>(actions);
        List<Step> steps = new ArrayList<>();
        while (!queue.isEmpty() && lineEnd == null) {
            switch (queue.poll()) {
                case AgentAction.Say say -> steps.add(say(say.text()));
                case AgentAction.CallTool c -> {
                    ToolCall tc = c.call();
                    ToolOutcome o = tool(tc);
                    steps.add(o.step());
                    queue.addAll(agent.toolResult(tc.id(), o.result()));
                }
                case AgentAction.Hangup h -> {
                    lineEnd = h.reason();
                    steps.add(Step.hangup(lineEnd.wire(), ms()));
                }
            }
        }
        if (lineEnd == null && agent.ended()) {
            lineEnd = EndReason.AGENT_ENDED; // said goodbye but could not use end_call: the line closes anyway
        }
        return steps;
    }

    private Step say(String text) {
        Decision d = governed.agentTurn(text);
        event(CallEventType.TURN_DECISION, CallJson.turnDecision(d));
        if (!d.allowed()) {
            // Never said: the call ends as a phone call would (policy_denied).
            agent.end(EndReason.POLICY_DENIED);
            lineEnd = EndReason.POLICY_DENIED;
            return Step.say(text, d.wire(), d.reasonCode(), d.reason(), null, null);
        }
        TranscriptTurn turn = speak(Role.AGENT, text, AGENT_WPM);
        return Step.say(text, d.wire(), null, null, turn.startMs(), turn.endMs());
    }

    private record ToolOutcome(Step step, ToolResult result) {
    }

    private ToolOutcome tool(ToolCall tc) {
        long at = ms();
        event(CallEventType.TOOL_CALL, Map.of("tool_call_id", tc.id(), "tool", tc.tool().wire(),
                "arguments", tc.arguments(), "at_ms", at));
        Decision d = governed.toolCall(tc.id(), tc.tool(), tc.arguments());
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("tool_call_id", tc.id());
        decision.put("tool", tc.tool().wire());
        decision.put("decision", d.wire());
        decision.put("reason_code", d.reasonCode());
        decision.put("reason", d.reason());
        decision.put("permit_id", d.permitId().orElse(null));
        decision.put("latency_us", d.micros());
        event(CallEventType.TOOL_DECISION, decision);
        ToolResult result = d.allowed() ? tools.execute(tc, context) : new ToolResult.Denied(d.reason());
        Map<String, Object> json = CallJson.toolResult(result);
        event(CallEventType.TOOL_RESULT, Map.of("tool_call_id", tc.id(), "tool", tc.tool().wire(), "result", json));
        toolEvents.add(new ToolEvent(at, tc, d.allowed(), result));
        return new ToolOutcome(Step.tool(tc.id(), tc.tool().wire(), tc.arguments(), d.wire(), d.reasonCode(),
                d.reason(), d.permitId().orElse(null), json, at), result);
    }

    /** Records an utterance: partial events every few words, the final one, and its signed atom. */
    private TranscriptTurn speak(Role role, String text, int wpm) {
        long start = Math.max(cursorMs, ms());
        String[] words = text.strip().split("\\s+");
        for (int w = PARTIAL_WORDS; w < words.length; w += PARTIAL_WORDS) {
            event(CallEventType.PARTIAL_UTTERANCE, Map.of("role", role.wire(),
                    "text", String.join(" ", Arrays.copyOf(words, w)), "start_ms", start));
        }
        long end = start + 200 + words.length * 60_000L / wpm;
        cursorMs = end;
        TranscriptTurn turn = new TranscriptTurn(role, text, start, end);
        transcript.add(turn);
        long micros = governed.utterance(role, text, answered.plusMillis(end));
        event(CallEventType.FINAL_UTTERANCE, CallJson.finalUtterance(turn, micros));
        return turn;
    }

    private void event(CallEventType type, Map<String, Object> data) {
        db.write(h -> events.append(h, call.workspaceId(), call.id(), type, data));
    }

    private long ms() {
        return Math.max(0, clock.millis() - answered.toEpochMilli());
    }
}
