package dev.herald.voice.core.simulation;

import dev.herald.voice.core.call.CallEnd;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.EndReason;
import dev.herald.voice.core.call.Role;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.call.Verdict;
import dev.herald.voice.core.profile.Objective;
import dev.herald.voice.core.profile.VoiceProfile;
import dev.herald.voice.core.qualifier.AgentAction;
import dev.herald.voice.core.qualifier.CallContext;
import dev.herald.voice.core.qualifier.QualifierAgent;
import dev.herald.voice.core.qualifier.QualifierResult;
import dev.herald.voice.core.qualifier.RecordingConsent;
import dev.herald.voice.core.qualifier.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Plays a lead's persona against the qualifier on a {@link SimClock}. Speech takes time by word
 * count (agent 165 words a minute, callee 140-175), turns are separated by a seeded pause, a
 * barge-in cuts the agent's turn where it happened, and each tool call passes the
 * {@link ToolPolicy} before {@link SimulatedTools} carries it out. Pure: the same lead, profile,
 * start instant and policy give the same call. A call stops at {@link #MAX_DURATION} or
 * {@link #MAX_STEPS} steps whatever happens.
 */
public final class ConversationRunner {
    public static final Duration MAX_DURATION = Duration.ofMinutes(15);
    public static final int MAX_STEPS = 400;
    /** Words between two partial utterances reported to the observer. */
    static final int PARTIAL_WORDS = 4;

    private final VoiceProfile profile;
    private final String objectiveKey;
    private final ToolPolicy policy;
    private final ToolExecutor tools;

    public ConversationRunner(VoiceProfile profile, String objectiveKey, ToolPolicy policy, ToolExecutor tools) {
        this.profile = profile;
        this.objectiveKey = objectiveKey;
        this.policy = policy;
        this.tools = tools;
        profile.objective(objectiveKey).orElseThrow(() -> new IllegalArgumentException("no objective " + objectiveKey));
    }

    public SimulatedCall run(CallContext context, SimClock clock) {
        return run(context, clock, CallObserver.NONE);
    }

    /** Plays the call, reporting each utterance, tool call and decision to {@code observer} as it happens. */
    public SimulatedCall run(CallContext context, SimClock clock, CallObserver observer) {
        Personas.Assigned assigned = Personas.forLead(context.leadId());
        SplittableRandom random = assigned.random();
        Persona persona = assigned.persona();
        Instant dialled = clock.instant();
        if (persona == Persona.NO_ANSWER) {
            clock.advance(Duration.ofMillis(25_000 + random.nextInt(15_000)));
            return unanswered(context, persona, dialled, clock, CallOutcome.NO_ANSWER, EndReason.NO_ANSWER, "sim:no-answer");
        }
        if (persona == Persona.BUSY) {
            clock.advance(Duration.ofMillis(1_500 + random.nextInt(2_500)));
            return unanswered(context, persona, dialled, clock, CallOutcome.BUSY, EndReason.BUSY, "sim:busy");
        }
        clock.advance(Duration.ofMillis(4_000 + random.nextInt(12_000)));
        return new Call(context, persona, random, dialled, clock, observer).play();
    }

    private SimulatedCall unanswered(CallContext context, Persona persona, Instant dialled, SimClock clock,
            CallOutcome outcome, EndReason reason, String code) {
        return new SimulatedCall(context.leadId(), persona, dialled, Optional.empty(), clock.instant(), outcome,
                CallEnd.of(reason, code), List.of(), List.of(), Verdict.notReached(List.of()),
                "No conversation: " + outcome.wire().replace('_', ' ') + ".", RecordingConsent.NOT_ASKED);
    }

    /** One call in progress. */
    private final class Call {
        private final CallContext context;
        private final Persona persona;
        private final SplittableRandom random;
        private final Instant dialled;
        private final SimClock clock;
        private final CallObserver observer;
        private final Instant answered;
        private final QualifierAgent agent;
        private final SimulatedCallee callee;
        private final int calleeWpm;
        private final List<TranscriptTurn> transcript = new ArrayList<>();
        private final List<ToolEvent> toolEvents = new ArrayList<>();
        private EndReason lineEnd;

        Call(CallContext context, Persona persona, SplittableRandom random, Instant dialled, SimClock clock,
                CallObserver observer) {
            this.observer = observer;
            this.context = context;
            this.persona = persona;
            this.random = random;
            this.dialled = dialled;
            this.clock = clock;
            this.answered = clock.instant();
            Objective objective = profile.objective(objectiveKey).orElseThrow();
            this.agent = new QualifierAgent(profile, objectiveKey, context, clock);
            this.callee = new SimulatedCallee(persona, random, profile, objective, context.leadName(),
                    answered.atZone(context.zone().orElse(ZoneOffset.UTC)).toLocalDate());
            this.calleeWpm = 140 + random.nextInt(36);
        }

        SimulatedCall play() {
            observer.answered(answered);
            Deque<AgentAction> queue = new ArrayDeque<>(agent.start());
            CalleeReply reply = new CalleeReply.Silence();
            boolean replyInterrupts = false;
            for (int step = 0; lineEnd == null; step++) {
                if (step >= MAX_STEPS || Duration.between(answered, clock.instant()).compareTo(MAX_DURATION) >= 0) {
                    agent.end(EndReason.MAX_DURATION);
                    lineEnd = EndReason.MAX_DURATION;
                    break;
                }
                if (observer.hangupRequested()) {
                    agent.end(EndReason.OPERATOR_HUNG_UP);
                    lineEnd = EndReason.OPERATOR_HUNG_UP;
                    break;
                }
                if (queue.isEmpty()) {
                    if (agent.ended()) {
                        pause(800); // the agent said goodbye but could not hang up: the callee does
                        lineEnd = EndReason.CALLEE_HUNG_UP;
                        break;
                    }
                    switch (reply) {
                        case CalleeReply.Speak s -> queue.addAll(agent.hear(s.text(), replyInterrupts));
                        case CalleeReply.Interrupt i -> queue.addAll(agent.hear(i.text(), replyInterrupts));
                        case CalleeReply.HangUp h -> {
                            agent.calleeHungUp();
                            lineEnd = EndReason.CALLEE_HUNG_UP;
                        }
                        case CalleeReply.Silence s -> {
                            clock.advance(Duration.ofMillis(profile.turnDetection().silenceMs() + 5_000L));
                            queue.addAll(agent.silence());
                        }
                    }
                    reply = new CalleeReply.Silence();
                    replyInterrupts = false;
                    continue;
                }
                switch (queue.poll()) {
                    case AgentAction.Say say -> {
                        Optional<String> silenced = observer.agentTurn(say.text(), clock.instant());
                        if (silenced.isPresent()) {
                            agent.end(EndReason.POLICY_DENIED);
                            lineEnd = EndReason.POLICY_DENIED;
                            continue;
                        }
                        boolean awaitsCallee = queue.isEmpty() && !agent.ended();
                        CalleeReply heard = awaitsCallee ? callee.hear(say.text()) : new CalleeReply.Silence();
                        replyInterrupts = speak(say.text(), heard);
                        reply = heard;
                    }
                    case AgentAction.CallTool call -> {
                        pause(150 + random.nextInt(250));
                        observer.toolCall(call.call(), ms());
                        Optional<String> denial = policy.deny(call.call());
                        observer.toolDecision(call.call(), denial, ms());
                        ToolResult result = denial.<ToolResult>map(ToolResult.Denied::new)
                                .orElseGet(() -> tools.execute(call.call(), context));
                        observer.toolResult(call.call(), result, ms());
                        toolEvents.add(new ToolEvent(ms(), call.call(), denial.isEmpty(), result));
                        queue.addAll(agent.toolResult(call.call().id(), result));
                    }
                    case AgentAction.Hangup h -> lineEnd = h.reason();
                }
            }
            QualifierResult result = agent.result().orElseThrow();
            CallEnd end = CallEnd.of(lineEnd, "sim:" + lineEnd.wire());
            return new SimulatedCall(context.leadId(), persona, dialled, Optional.of(answered), clock.instant(),
                    result.outcome(), end, transcript, toolEvents, result.verdict(), result.summary(), result.recording());
        }

        /** Speaks an agent turn and the callee's reaction to it; true when the callee barged in. */
        private boolean speak(String text, CalleeReply heard) {
            pause(250 + random.nextInt(400));
            long start = ms();
            long length = speech(text, 165);
            if (heard instanceof CalleeReply.Interrupt i && profile.turnDetection().allowInterruptions()) {
                long cut = Math.max(1, (long) (length * i.at()));
                talk(Role.AGENT, text, start, length, cut);
                add(new TranscriptTurn(Role.AGENT, text, start, ms(), true));
                user(i.text());
                return true;
            }
            talk(Role.AGENT, text, start, length, length);
            add(new TranscriptTurn(Role.AGENT, text, start, ms()));
            String said = heard instanceof CalleeReply.Speak s ? s.text()
                    : heard instanceof CalleeReply.Interrupt i ? i.text() : null;
            if (said != null) {
                pause(300 + random.nextInt(900));
                user(said);
            }
            return false;
        }

        private void user(String text) {
            long start = ms();
            long length = speech(text, calleeWpm);
            talk(Role.USER, text, start, length, length);
            add(new TranscriptTurn(Role.USER, text, start, ms()));
        }

        private void add(TranscriptTurn turn) {
            transcript.add(turn);
            observer.utterance(turn, clock.instant());
        }

        /**
         * Lets {@code upTo} ms of an utterance of {@code length} ms pass, reporting the words said
         * so far every {@value #PARTIAL_WORDS} words (the advances add up to exactly {@code upTo}).
         */
        private void talk(Role role, String text, long start, long length, long upTo) {
            String[] words = text.split("\\s+");
            long passed = 0;
            for (int w = PARTIAL_WORDS; w < words.length; w += PARTIAL_WORDS) {
                long at = length * w / words.length;
                if (at >= upTo) {
                    break;
                }
                clock.advance(Duration.ofMillis(at - passed));
                passed = at;
                observer.partial(role, String.join(" ", java.util.Arrays.copyOf(words, w)), start);
            }
            clock.advance(Duration.ofMillis(upTo - passed));
        }

        private long speech(String text, int wpm) {
            long words = Math.max(1, text.split("\\s+").length);
            return 200 + words * 60_000 / wpm;
        }

        private void pause(int millis) {
            clock.advance(Duration.ofMillis(millis));
        }

        private long ms() {
            return Duration.between(answered, clock.instant()).toMillis();
        }
    }

}
