package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.AnswerValue;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.EndReason;
import dev.herald.voice.core.call.ExtractedAnswer;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.profile.Objective;
import dev.herald.voice.core.profile.Question;
import dev.herald.voice.core.profile.Tool;
import dev.herald.voice.core.profile.VoiceProfile;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The qualifier for one call: feed it what the callee says and the results of its tool calls; it
 * answers with {@link AgentAction}s. Not thread-safe: one call, one caller. Termination is
 * guaranteed: every callee turn moves the dialogue on or counts against a per-question limit.
 *
 * <p>Flow: (lookup_lead) greeting + AI disclosure + recording question; the objective's questions
 * in order; scoring; for a qualified lead check_availability, offer slots, book_meeting; closing
 * with update_lead, send_follow_up, the closing line and end_call. A do-not-call request or "not
 * interested" closes the call from any point; a voicemail greeting gets a short message.
 */
public final class QualifierAgent {
    enum Phase { NEW, LOOKUP, CONSENT, QUESTION, KNOWLEDGE, AVAILABILITY, CHOOSING, BOOKING, CLOSING_UPDATE, CLOSING_FOLLOW_UP, CLOSING_END, ENDED }

    private final VoiceProfile profile;
    private final Objective objective;
    private final Clock clock;
    private final Extractor extractor;
    private CallContext context;

    private Phase phase = Phase.NEW;
    private ToolCall pending;
    private int toolSeq;
    private RecordingConsent recording = RecordingConsent.NOT_ASKED;
    private int consentAsks;
    private int silences;
    private boolean heardAnything;
    private int question;
    private int asks;
    private int turnsOnQuestion;
    private final Map<String, ExtractedAnswer> answers = new LinkedHashMap<>();
    private final Set<FollowUpReason> followUps = new LinkedHashSet<>();
    private Function<String, List<AgentAction>> afterKnowledge;
    private Scorer.Score score;
    private final MeetingBooking booking = new MeetingBooking(this);
    private CallOutcome forced;
    private EndReason endReason = EndReason.AGENT_ENDED;
    private String closingLine = "";
    private QualifierResult result;

    public QualifierAgent(VoiceProfile profile, String objectiveKey, CallContext context, Clock clock) {
        this.profile = profile;
        this.objective = profile.objective(objectiveKey)
                .orElseThrow(() -> new IllegalArgumentException("profile has no objective " + objectiveKey));
        this.context = context;
        this.clock = clock;
        this.extractor = new Extractor(clock.instant().atZone(context.zone().orElse(ZoneOffset.UTC)).toLocalDate());
    }

    public List<AgentAction> start() {
        require(phase == Phase.NEW, "the agent has already started");
        if (profile.enabled(Tool.LOOKUP_LEAD)) {
            phase = Phase.LOOKUP;
            return List.of(tool(Tool.LOOKUP_LEAD, Map.of("lead_id", context.leadId())));
        }
        return opening();
    }

    public List<AgentAction> hear(String utterance) {
        return hear(utterance, false);
    }

    /** A callee turn; {@code interrupted} when it cut the agent's last turn short. */
    public List<AgentAction> hear(String utterance, boolean interrupted) {
        require(pending == null, "a tool call is pending");
        if (phase == Phase.ENDED || phase.ordinal() >= Phase.CLOSING_UPDATE.ordinal()) {
            return List.of(); // the agent is wrapping up; late words change nothing
        }
        silences = 0;
        List<Intents.Kind> kinds = Intents.of(utterance);
        boolean first = !heardAnything;
        heardAnything = true;
        if (kinds.contains(Intents.Kind.DO_NOT_CALL)) {
            forced = CallOutcome.DO_NOT_CALL;
            return close("I'm sorry for the trouble. I'll make sure you're not called again.");
        }
        if (first && phase == Phase.CONSENT && kinds.contains(Intents.Kind.VOICEMAIL)) {
            forced = CallOutcome.VOICEMAIL;
            endReason = EndReason.VOICEMAIL_DETECTED;
            followUps.add(FollowUpReason.VOICEMAIL_LEFT);
            return close("Hi" + context.leadName().map(n -> " " + n.split(" ")[0]).orElse("") + ", this is " + profile.agentName()
                    + ", an AI assistant, calling about your interest in a demo. I'll try you again another time.");
        }
        if (kinds.contains(Intents.Kind.NOT_INTERESTED)) {
            followUps.add(FollowUpReason.NOT_INTERESTED);
            forced = CallOutcome.UNQUALIFIED;
            return close("I understand. Thank you for your time.");
        }
        return switch (phase) {
            case CONSENT -> onConsent(utterance, kinds);
            case QUESTION -> onAnswer(utterance, kinds, interrupted);
            case CHOOSING -> booking.onChoice(utterance);
            default -> List.of();
        };
    }

    public List<AgentAction> toolResult(String callId, ToolResult toolResult) {
        require(pending != null && pending.id().equals(callId), "no pending tool call " + callId);
        pending = null;
        return switch (phase) {
            case LOOKUP -> {
                if (toolResult instanceof ToolResult.LeadFound found) {
                    context = new CallContext(context.leadId(), found.name().or(context::leadName),
                            found.company().or(context::company), context.zone());
                }
                yield opening();
            }
            case KNOWLEDGE -> afterKnowledge.apply(switch (toolResult) {
                case ToolResult.KnowledgeFound k when k.passage().isPresent() -> k.passage().get();
                case ToolResult.Denied d -> unanswered("I'm not able to look that up on this call,");
                default -> unanswered("I don't have that information at hand,");
            });
            case AVAILABILITY -> booking.onAvailability(toolResult);
            case BOOKING -> booking.onBooking(toolResult);
            case CLOSING_UPDATE -> {
                if (toolResult instanceof ToolResult.Denied && forced == CallOutcome.DO_NOT_CALL) {
                    closingLine += " A colleague will confirm that your number is removed.";
                }
                yield followUpStep();
            }
            case CLOSING_FOLLOW_UP -> {
                if (toolResult instanceof ToolResult.Denied || toolResult instanceof ToolResult.Failed) {
                    closingLine += " I can't send that email from here, so a colleague will follow up instead.";
                }
                yield endStep();
            }
            case CLOSING_END -> {
                phase = Phase.ENDED;
                yield toolResult instanceof ToolResult.Done ? List.of(new AgentAction.Hangup(endReason)) : List.of();
            }
            default -> throw new IllegalStateException("no tool expected in phase " + phase);
        };
    }

    /** The callee said nothing for the turn-detection timeout: ask twice, then give up. */
    public List<AgentAction> silence() {
        require(pending == null, "a tool call is pending");
        if (phase == Phase.ENDED || phase.ordinal() >= Phase.CLOSING_UPDATE.ordinal()) {
            return List.of();
        }
        if (++silences > 2) {
            end(EndReason.SILENCE_TIMEOUT);
            return List.of(new AgentAction.Say("I'll let you go for now. Goodbye."), new AgentAction.Hangup(EndReason.SILENCE_TIMEOUT));
        }
        return say("Are you still there?");
    }

    /** The callee hung up. The call is over whatever the phase. */
    public void calleeHungUp() {
        end(EndReason.CALLEE_HUNG_UP);
    }

    /** The line closed for another reason (silence, maximum duration, an operator). */
    public void end(EndReason reason) {
        if (phase == Phase.ENDED) {
            return;
        }
        boolean closing = phase.ordinal() >= Phase.CLOSING_UPDATE.ordinal();
        if (!closing && reason == EndReason.CALLEE_HUNG_UP) {
            followUps.add(FollowUpReason.CALLEE_HUNG_UP);
        }
        if (!closing && score == null && !answers.isEmpty()) {
            followUps.add(FollowUpReason.INCOMPLETE_ANSWERS);
        }
        endReason = closing ? endReason : reason;
        pending = null;
        phase = Phase.ENDED;
        finish();
    }

    public boolean ended() {
        return phase == Phase.ENDED;
    }

    public Optional<ToolCall> pendingTool() {
        return Optional.ofNullable(pending);
    }

    /** The result, once {@link #ended()} (or once the closing line has been said). */
    public Optional<QualifierResult> result() {
        return Optional.ofNullable(result);
    }

    public RecordingConsent recording() {
        return recording;
    }

    // ---- dialogue steps ----

    private List<AgentAction> opening() {
        phase = Phase.CONSENT;
        String greeting = profile.greeting()
                .replace("{lead_name}", context.leadName().map(n -> n.split(" ")[0]).orElse("there"))
                .replace("{company}", context.company().orElse("your company"))
                .replace("{agent_name}", profile.agentName());
        return List.of(new AgentAction.Say(greeting + " " + profile.aiDisclosure() + " " + profile.recordingConsentPrompt()));
    }

    private List<AgentAction> onConsent(String utterance, List<Intents.Kind> kinds) {
        Optional<AnswerValue> yesNo = Extractor.yesNo(Intents.withoutIntents(Intents.statements(utterance)));
        if (yesNo.isPresent()) {
            boolean yes = ((AnswerValue.YesNo) yesNo.get()).yes();
            recording = yes ? RecordingConsent.GRANTED : RecordingConsent.DECLINED;
            return ask(yes ? "Thank you." : "No problem, I won't record this call.");
        }
        if (kinds.contains(Intents.Kind.IDENTITY)) {
            return say(identity() + " " + profile.recordingConsentPrompt());
        }
        if (++consentAsks >= 2) {
            recording = RecordingConsent.DECLINED; // no clear yes is a no
            return ask("I'll take that as a no, so I won't record.");
        }
        if (kinds.contains(Intents.Kind.HOLD)) {
            return say("Of course, take your time.");
        }
        return say("Sorry, just to check: " + profile.recordingConsentPrompt() + " Yes or no is fine.");
    }

    private List<AgentAction> ask(String prefix) {
        if (question >= objective.questions().size()) {
            return finishQuestions(prefix);
        }
        phase = Phase.QUESTION;
        asks = 1;
        turnsOnQuestion = 0;
        return say(prefix + " " + current().prompt());
    }

    private List<AgentAction> onAnswer(String utterance, List<Intents.Kind> kinds, boolean interrupted) {
        Question q = current();
        turnsOnQuestion++;
        List<String> asked = Intents.questions(utterance);
        String statements = Intents.withoutIntents(Intents.statements(utterance));
        Optional<AnswerValue> value = statements.isBlank() ? Optional.empty() : extractor.extract(q.rule(), statements);
        if (value.isEmpty() && !statements.isBlank() && Intents.unsure(statements).isPresent()) {
            value = Optional.of(new AnswerValue.Unknown());
        }
        String preface = kinds.contains(Intents.Kind.IDENTITY) ? identity() + " " : "";
        if (value.isPresent()) {
            answers.put(q.key(), new ExtractedAnswer(q.key(), value.get(), utterance.strip(), asks));
            String ack = value.get() instanceof AnswerValue.Unknown ? "No problem, we can come back to that." : Phrases.ack(question);
            question++;
            return asked.isEmpty() ? ask(preface + ack) : knowledge(asked.getFirst(), p -> ask(p + " " + ack));
        }
        if (turnsOnQuestion > objective.maxAsks() + 3) {
            return skip();
        }
        if (!asked.isEmpty()) {
            return knowledge(asked.getFirst(), p -> say(p + " Coming back to my question: " + q.prompt()));
        }
        if (!preface.isEmpty() || (interrupted && kinds.contains(Intents.Kind.GO_ON)) || kinds.contains(Intents.Kind.GO_ON)) {
            return say(preface + (preface.isEmpty() ? "Sure. " : "") + q.prompt());
        }
        if (kinds.contains(Intents.Kind.HOLD)) {
            return say("Of course, take your time.");
        }
        if (++asks > objective.maxAsks()) {
            return skip();
        }
        return say((kinds.contains(Intents.Kind.CLARIFY) ? "" : "Sorry, I didn't quite catch that. ") + q.clarification());
    }

    private List<AgentAction> skip() {
        followUps.add(FollowUpReason.INCOMPLETE_ANSWERS);
        question++;
        return ask("No worries, let's move on.");
    }

    private List<AgentAction> knowledge(String query, Function<String, List<AgentAction>> then) {
        if (!profile.enabled(Tool.SEARCH_KNOWLEDGE)) {
            return then.apply(unanswered("I don't have that information at hand,"));
        }
        Phase resume = phase;
        afterKnowledge = text -> {
            phase = resume;
            return then.apply(text);
        };
        phase = Phase.KNOWLEDGE;
        return List.of(tool(Tool.SEARCH_KNOWLEDGE, Map.of("query", query)));
    }

    private String unanswered(String opening) {
        followUps.add(FollowUpReason.QUESTION_UNANSWERED);
        return opening + " but I'll make sure a colleague follows up on that.";
    }

    private List<AgentAction> finishQuestions(String prefix) {
        score = Scorer.score(objective, answers);
        if (answers.size() < objective.questions().size()
                || answers.values().stream().anyMatch(a -> a.value() instanceof AnswerValue.Unknown)) {
            followUps.add(FollowUpReason.INCOMPLETE_ANSWERS);
        }
        if (!score.qualified()) {
            followUps.add(FollowUpReason.SEND_INFORMATION);
            return close(prefix + " Thank you, that's very helpful. It sounds like we may not be the right fit just now,"
                    + " so I'll have some information sent over for later.");
        }
        if (objective.meetingLength().isEmpty()) {
            return close(prefix + " Thank you, that sounds like a great fit. A colleague will be in touch.");
        }
        if (!profile.enabled(Tool.CHECK_AVAILABILITY) || !profile.enabled(Tool.BOOK_MEETING)) {
            followUps.add(FollowUpReason.SCHEDULE_MEETING);
            return close(prefix + " Thank you, that sounds like a great fit. A colleague will reach out to schedule a demo.");
        }
        return booking.begin(prefix);
    }

    // ---- closing ----

    List<AgentAction> close(String line) {
        closingLine = line;
        phase = Phase.CLOSING_UPDATE;
        if (profile.enabled(Tool.UPDATE_LEAD)) {
            Map<String, String> args = new LinkedHashMap<>();
            args.put("lead_id", context.leadId());
            args.put("outcome", outcome().wire());
            args.put("do_not_call", Boolean.toString(forced == CallOutcome.DO_NOT_CALL));
            return List.of(tool(Tool.UPDATE_LEAD, args));
        }
        return followUpStep();
    }

    private List<AgentAction> followUpStep() {
        phase = Phase.CLOSING_FOLLOW_UP;
        if (profile.enabled(Tool.SEND_FOLLOW_UP) && !followUps.isEmpty() && forced != CallOutcome.DO_NOT_CALL
                && forced != CallOutcome.VOICEMAIL) {
            return List.of(tool(Tool.SEND_FOLLOW_UP, Map.of("lead_id", context.leadId(),
                    "reasons", String.join(",", followUps.stream().map(FollowUpReason::wire).toList()))));
        }
        return endStep();
    }

    private List<AgentAction> endStep() {
        finish();
        boolean brief = forced == CallOutcome.VOICEMAIL || forced == CallOutcome.DO_NOT_CALL;
        String text = closingLine + (brief ? " Goodbye." : " Thanks again, and have a great day. Goodbye.");
        if (!profile.enabled(Tool.END_CALL)) {
            phase = Phase.ENDED;
            return say(text);
        }
        phase = Phase.CLOSING_END;
        return List.of(new AgentAction.Say(text.strip()), tool(Tool.END_CALL, Map.of("reason", endReason.wire())));
    }

    private CallOutcome outcome() {
        if (forced != null) {
            return forced;
        }
        return score != null && score.qualified() ? CallOutcome.QUALIFIED : CallOutcome.UNQUALIFIED;
    }

    private void finish() {
        Scorer.Score s = score != null ? score : Scorer.score(objective, answers);
        CallOutcome outcome = outcome();
        var verdict = new dev.herald.voice.core.call.Verdict(outcome == CallOutcome.QUALIFIED, s.score(), answers,
                booking.meeting(), new ArrayList<>(followUps));
        result = new QualifierResult(outcome, dev.herald.voice.core.call.CallEnd.of(endReason), verdict,
                Summary.of(context, objective, outcome, verdict, recording), recording);
    }

    // ---- helpers ----

    void phase(Phase next) {
        phase = next;
    }

    void followUp(FollowUpReason reason) {
        followUps.add(reason);
    }

    Objective objective() {
        return objective;
    }

    CallContext context() {
        return context;
    }

    Clock clock() {
        return clock;
    }

    private Question current() {
        return objective.questions().get(question);
    }

    private String identity() {
        return "This is " + profile.agentName() + ". " + profile.aiDisclosure();
    }

    AgentAction tool(Tool tool, Map<String, String> args) {
        pending = new ToolCall("tool-" + (++toolSeq), tool, args);
        return new AgentAction.CallTool(pending);
    }

    static List<AgentAction> say(String text) {
        return List.of(new AgentAction.Say(text.strip()));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
