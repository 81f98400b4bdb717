package dev.herald.voice.core.qualifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.voice.core.call.AnswerValue;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.EndReason;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.profile.Tool;
import dev.herald.voice.core.profile.VoiceProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class QualifierAgentTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T15:00:00Z"), ZoneOffset.UTC);
    private static final ZoneId NY = ZoneId.of("America/New_York");
    private static final VoiceProfile PROFILE = DefaultProfiles.demoQualifier();
    private static final MeetingSlot SLOT_A = new MeetingSlot(Instant.parse("2026-01-16T15:00:00Z"),
            Instant.parse("2026-01-16T15:30:00Z"), NY);
    private static final MeetingSlot SLOT_B = new MeetingSlot(Instant.parse("2026-01-16T16:00:00Z"),
            Instant.parse("2026-01-16T16:30:00Z"), NY);

    /** Drives the agent: resolves each tool call with {@code tools}, collects what it says. */
    private static final class Driver {
        final QualifierAgent agent;
        final Function<ToolCall, ToolResult> tools;
        final List<String> said = new ArrayList<>();
        final List<ToolCall> calls = new ArrayList<>();
        boolean hungUp;

        Driver(VoiceProfile profile, Function<ToolCall, ToolResult> tools) {
            this.agent = new QualifierAgent(profile, DefaultProfiles.QUALIFY_FOR_DEMO,
                    new CallContext("lead-1", Optional.of("Grace Hopper"), Optional.of("Navy"), Optional.of(NY)), CLOCK);
            this.tools = tools;
            run(agent.start());
        }

        Driver(Function<ToolCall, ToolResult> tools) {
            this(PROFILE, tools);
        }

        String hear(String utterance) {
            int before = said.size();
            run(agent.hear(utterance));
            return String.join(" | ", said.subList(before, said.size()));
        }

        private void run(List<AgentAction> actions) {
            for (AgentAction a : actions) {
                switch (a) {
                    case AgentAction.Say s -> said.add(s.text());
                    case AgentAction.CallTool c -> {
                        calls.add(c.call());
                        run(agent.toolResult(c.call().id(), tools.apply(c.call())));
                    }
                    case AgentAction.Hangup h -> hungUp = true;
                }
            }
        }

        QualifierResult result() {
            return agent.result().orElseThrow();
        }
    }

    private static ToolResult allow(ToolCall call) {
        return switch (call.tool()) {
            case LOOKUP_LEAD -> new ToolResult.LeadFound(Optional.empty(), Optional.empty());
            case SEARCH_KNOWLEDGE -> new ToolResult.KnowledgeFound(Optional.of("It integrates with Salesforce."));
            case CHECK_AVAILABILITY -> new ToolResult.Availability(List.of(SLOT_A, SLOT_B));
            case BOOK_MEETING -> new ToolResult.Booked(SLOT_B, "bk-9");
            default -> new ToolResult.Done();
        };
    }

    private static void answerAll(Driver d) {
        d.hear("Sure.");
        d.hear("Yes, I decide.");
        d.hear("About forty people.");
        d.hear("Sixty thousand dollars a year.");
        d.hear("Within two months.");
        d.hear("Mostly spreadsheets.");
    }

    @Test
    void fullConversation_qualifiesAndBooksTheSlotTheCalleeChose() {
        Driver d = new Driver(QualifierAgentTest::allow);
        assertThat(d.said.getFirst()).startsWith("Hi Grace, this is Riley").contains(PROFILE.aiDisclosure())
                .endsWith(PROFILE.recordingConsentPrompt());
        answerAll(d);
        assertThat(d.said.getLast()).contains("Which works better");
        d.hear("The second one, please.");

        QualifierResult r = d.result();
        assertThat(r.outcome()).isEqualTo(CallOutcome.QUALIFIED);
        assertThat(r.recording()).isEqualTo(RecordingConsent.GRANTED);
        assertThat(r.verdict().score()).isEqualTo(100);
        assertThat(r.verdict().meeting()).contains(SLOT_B);
        assertThat(r.verdict().answers().get("budget").value())
                .isEqualTo(new AnswerValue.Money(new java.math.BigDecimal("60000"), java.util.Currency.getInstance("USD"),
                        AnswerValue.Money.Period.YEAR));
        assertThat(d.calls).extracting(ToolCall::tool).containsExactly(Tool.LOOKUP_LEAD, Tool.CHECK_AVAILABILITY,
                Tool.BOOK_MEETING, Tool.UPDATE_LEAD, Tool.END_CALL);
        assertThat(d.calls.get(2).arguments()).containsEntry("start", SLOT_B.start().toString());
        assertThat(d.hungUp).isTrue();
        assertThat(r.end().reason()).isEqualTo(EndReason.AGENT_ENDED);
        assertThat(r.summary()).contains("Meeting booked for Friday, January 16 at 11:00 AM");
    }

    @Test
    void unclearAnswers_areClarifiedThenSkippedAfterMaxAsks() {
        Driver d = new Driver(QualifierAgentTest::allow);
        d.hear("Yes.");
        assertThat(d.hear("Purple.")).contains(PROFILE.objectives().getFirst().questions().getFirst().clarification());
        assertThat(d.hear("Bananas.")).contains("let's move on").contains("How many people");
        assertThat(d.hear("I have no idea.")).contains("come back to that").contains("What budget");
        assertThat(d.agent.ended()).isFalse();
        assertThat(d.agent.result()).isEmpty(); // no verdict while the call goes on
    }

    @Test
    void unknownAnswersAndMissingOnes_makeTheLeadUnqualifiedAndFlagIncomplete() {
        Driver d = new Driver(QualifierAgentTest::allow);
        d.hear("No.");
        d.hear("Yes.");
        d.hear("I'm not sure, honestly.");
        d.hear("No idea.");
        d.hear("Can't say.");
        d.hear("Hmm.");
        d.hear("Still hmm.");
        QualifierResult r = d.result();
        assertThat(r.outcome()).isEqualTo(CallOutcome.UNQUALIFIED);
        assertThat(r.recording()).isEqualTo(RecordingConsent.DECLINED);
        assertThat(r.verdict().answers().get("team_size").value()).isEqualTo(new AnswerValue.Unknown());
        assertThat(r.verdict().followUps()).contains(FollowUpReason.INCOMPLETE_ANSWERS, FollowUpReason.SEND_INFORMATION);
    }

    @Test
    void doNotCall_atAnyPoint_closesPolitelyAndUpdatesTheLead() {
        Driver d = new Driver(QualifierAgentTest::allow);
        assertThat(d.hear("Stop calling me.")).contains("not called again");
        assertThat(d.result().outcome()).isEqualTo(CallOutcome.DO_NOT_CALL);
        ToolCall update = d.calls.stream().filter(c -> c.tool() == Tool.UPDATE_LEAD).findFirst().orElseThrow();
        assertThat(update.arguments()).containsEntry("do_not_call", "true");
        assertThat(d.calls).extracting(ToolCall::tool).doesNotContain(Tool.SEND_FOLLOW_UP);
    }

    @Test
    void deniedLeadUpdateOnADoNotCallRequest_isSaidOutLoud() {
        Driver d = new Driver(c -> c.tool() == Tool.UPDATE_LEAD ? new ToolResult.Denied("no data:write") : allow(c));
        assertThat(d.hear("Take me off your list.")).contains("A colleague will confirm that your number is removed.");
    }

    @Test
    void deniedCalendar_meansNoOfferAndAFollowUp() {
        Driver d = new Driver(c -> c.tool() == Tool.CHECK_AVAILABILITY ? new ToolResult.Denied("no scope") : allow(c));
        answerAll(d);
        assertThat(d.said.getLast()).contains("not able to check the calendar");
        assertThat(d.result().outcome()).isEqualTo(CallOutcome.QUALIFIED);
        assertThat(d.result().verdict().followUps()).contains(FollowUpReason.BOOKING_DENIED);
    }

    @Test
    void slotTakenWhileBooking_isRecheckedOnce() {
        int[] bookings = {0};
        Driver d = new Driver(c -> c.tool() == Tool.BOOK_MEETING && bookings[0]++ == 0 ? new ToolResult.SlotTaken() : allow(c));
        answerAll(d);
        assertThat(d.hear("The first one.")).contains("just taken").contains("I can offer");
        d.hear("Either is fine.");
        assertThat(d.result().verdict().meeting()).contains(SLOT_B);
    }

    @Test
    void calleeQuestion_isAnsweredFromKnowledge_thenTheQuestionIsAskedAgain() {
        Driver d = new Driver(QualifierAgentTest::allow);
        d.hear("Sure.");
        assertThat(d.hear("Does it integrate with Salesforce?"))
                .startsWith("It integrates with Salesforce.").contains("Coming back to my question");
        assertThat(d.calls.getLast().arguments()).containsEntry("query", "Does it integrate with Salesforce?");
    }

    @Test
    void withoutTheKnowledgeTool_theAgentSaysItDoesNotKnow() {
        VoiceProfile noSearch = dev.herald.voice.core.profile.ProfileVersions.patch(PROFILE, dev.herald.voice.core.profile.ProfilePatch.EMPTY
                .withTools(java.util.EnumSet.complementOf(java.util.EnumSet.of(Tool.SEARCH_KNOWLEDGE)))).profile();
        Driver d = new Driver(noSearch, QualifierAgentTest::allow);
        d.hear("Sure.");
        assertThat(d.hear("Yes. Is my data encrypted?")).contains("I don't have that information at hand");
        assertThat(d.calls).extracting(ToolCall::tool).doesNotContain(Tool.SEARCH_KNOWLEDGE);
    }

    @Test
    void notInterested_endsUnqualified() {
        Driver d = new Driver(QualifierAgentTest::allow);
        d.hear("Yes.");
        d.hear("We're not interested, thanks.");
        assertThat(d.result().outcome()).isEqualTo(CallOutcome.UNQUALIFIED);
        assertThat(d.result().verdict().followUps()).containsExactly(FollowUpReason.NOT_INTERESTED);
    }

    @Test
    void silence_isAskedAboutTwice_thenTheCallEnds() {
        Driver d = new Driver(QualifierAgentTest::allow);
        assertThat(d.agent.silence()).containsExactly(new AgentAction.Say("Are you still there?"));
        d.agent.silence();
        assertThat(d.agent.silence()).contains(new AgentAction.Hangup(EndReason.SILENCE_TIMEOUT));
        assertThat(d.result().end().reason()).isEqualTo(EndReason.SILENCE_TIMEOUT);
    }

    @Test
    void hearingWhileAToolIsPending_isAProgrammingError() {
        QualifierAgent agent = new QualifierAgent(PROFILE, DefaultProfiles.QUALIFY_FOR_DEMO, CallContext.anonymous("x"), CLOCK);
        assertThat(agent.start()).singleElement().isInstanceOf(AgentAction.CallTool.class);
        assertThatThrownBy(() -> agent.hear("hello")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> agent.toolResult("tool-99", new ToolResult.Done())).isInstanceOf(IllegalStateException.class);
        assertThat(Duration.ZERO).isZero();
    }
}
