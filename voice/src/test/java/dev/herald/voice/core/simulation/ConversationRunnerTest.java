package dev.herald.voice.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.profile.Tool;
import dev.herald.voice.core.qualifier.ToolResult;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConversationRunnerTest {
    private static final Map<Persona, String> LEADS = Simulations.oneLeadPerPersona();

    @Test
    void sameLeadId_alwaysGivesTheSameConversation() {
        for (String leadId : LEADS.values()) {
            SimulatedCall first = Simulations.run(leadId, ToolPolicy.allowAll());
            SimulatedCall again = Simulations.run(leadId, ToolPolicy.allowAll());
            assertThat(again).isEqualTo(first);
        }
    }

    @Test
    void differentLeadsWithTheSamePersona_talkDifferently() {
        List<List<String>> conversations = new ArrayList<>();
        for (int i = 0; conversations.size() < 3; i++) {
            String id = "lead-" + i;
            if (Personas.forLead(id).persona() == Persona.QUALIFIED_BUYER) {
                conversations.add(Simulations.run(id, ToolPolicy.allowAll()).transcript().stream()
                        .filter(t -> t.role() == dev.herald.voice.core.call.Role.USER).map(TranscriptTurn::text).toList());
            }
        }
        assertThat(conversations.get(0)).isNotEqualTo(conversations.get(1));
        assertThat(conversations.get(1)).isNotEqualTo(conversations.get(2));
    }

    @Test
    void thousandRandomLeadIds_neverCrashOrRunAway_andEndAsTheirPersonaExpects() {
        SplittableRandom ids = new SplittableRandom(20261127);
        Map<CallOutcome, Integer> outcomes = new EnumMap<>(CallOutcome.class);
        for (int i = 0; i < 1_000; i++) {
            String leadId = "ld_" + Long.toUnsignedString(ids.nextLong(), 36);
            SimulatedCall call = Simulations.run(leadId, ToolPolicy.allowAll());
            assertThat(call.durationMs()).isLessThan(ConversationRunner.MAX_DURATION.toMillis());
            assertThat(call.transcript().size()).isLessThan(80);
            assertThat(call.outcome()).as(() -> Simulations.render(call)).isEqualTo(call.persona().expectedOutcome());
            outcomes.merge(call.outcome(), 1, Integer::sum);
        }
        assertThat(outcomes).containsKeys(CallOutcome.QUALIFIED, CallOutcome.UNQUALIFIED, CallOutcome.NO_ANSWER,
                CallOutcome.BUSY, CallOutcome.VOICEMAIL, CallOutcome.DO_NOT_CALL);
    }

    @Test
    void deniedBooking_changesWhatTheAgentSays_andTheVerdictSaysWhy() {
        SimulatedCall call = Simulations.run(LEADS.get(Persona.QUALIFIED_BUYER), ToolPolicy.denying(Tool.BOOK_MEETING));

        assertThat(call.outcome()).isEqualTo(CallOutcome.QUALIFIED);
        assertThat(call.verdict().meeting()).isEmpty();
        assertThat(call.verdict().followUps()).contains(FollowUpReason.BOOKING_DENIED);
        assertThat(call.toolEvents()).anySatisfy(e -> {
            assertThat(e.call().tool()).isEqualTo(Tool.BOOK_MEETING);
            assertThat(e.allowed()).isFalse();
            assertThat(e.result()).isInstanceOf(ToolResult.Denied.class);
        });
        assertThat(call.transcript()).anySatisfy(t -> assertThat(t.text()).contains("not able to book meetings myself"));
    }

    @Test
    void deniedEndCall_leavesTheCalleeToHangUp() {
        SimulatedCall call = Simulations.run(LEADS.get(Persona.UNQUALIFIED_BUYER), ToolPolicy.denying(Tool.END_CALL));
        assertThat(call.outcome()).isEqualTo(CallOutcome.UNQUALIFIED);
        assertThat(call.end().reason()).isEqualTo(dev.herald.voice.core.call.EndReason.CALLEE_HUNG_UP);
    }

    @Test
    void deniedKnowledgeSearch_isAnsweredHonestly_andFlaggedForFollowUp() {
        for (int i = 0; ; i++) {
            String id = "lead-" + i;
            SimulatedCall allowed = Simulations.run(id, ToolPolicy.allowAll());
            if (allowed.toolEvents().stream().noneMatch(e -> e.call().tool() == Tool.SEARCH_KNOWLEDGE)) {
                continue;
            }
            SimulatedCall denied = Simulations.run(id, ToolPolicy.denying(Tool.SEARCH_KNOWLEDGE));
            assertThat(denied.transcript()).anySatisfy(t -> assertThat(t.text()).contains("not able to look that up"));
            assertThat(denied.verdict().followUps()).contains(FollowUpReason.QUESTION_UNANSWERED);
            assertThat(denied.outcome()).isEqualTo(allowed.outcome());
            return;
        }
    }

    @Test
    void interruptionsOff_theCalleeWaitsForTheAgentToFinish() {
        var td = Simulations.PROFILE.turnDetection();
        var profile = dev.herald.voice.core.profile.ProfileVersions.patch(Simulations.PROFILE, new dev.herald.voice.core.profile.ProfilePatch(
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.of(new dev.herald.voice.core.profile.TurnDetection(td.mode(), td.silenceMs(), td.prefixPaddingMs(),
                        td.threshold(), false)))).profile();
        var tools = new SimulatedTools(new SimulatedCalendar(Simulations.NEW_YORK, LocalTime.of(9, 0), LocalTime.of(17, 0)),
                StaticKnowledge.demo());
        SimulatedCall call = new ConversationRunner(profile, DefaultProfiles.QUALIFY_FOR_DEMO, ToolPolicy.allowAll(), tools)
                .run(Simulations.context(LEADS.get(Persona.INTERRUPTER)), SimClock.compressed(Simulations.START));
        assertThat(call.transcript()).noneMatch(TranscriptTurn::interrupted);
        assertThat(call.outcome()).isEqualTo(CallOutcome.QUALIFIED);
    }

    @Test
    void pacedClock_waitsForTheCallsOwnDurationScaledBySpeed() {
        List<Duration> waits = new ArrayList<>();
        var tools = new SimulatedTools(new SimulatedCalendar(Simulations.NEW_YORK, LocalTime.of(9, 0), LocalTime.of(17, 0)),
                StaticKnowledge.demo());
        SimClock clock = SimClock.paced(Simulations.START, 4.0, waits::add);
        SimulatedCall call = new ConversationRunner(Simulations.PROFILE, DefaultProfiles.QUALIFY_FOR_DEMO, ToolPolicy.allowAll(), tools)
                .run(Simulations.context(LEADS.get(Persona.QUALIFIED_BUYER)), clock);

        long waited = waits.stream().mapToLong(Duration::toMillis).sum();
        long simulated = Duration.between(call.dialledAt(), call.endedAt()).toMillis();
        assertThat(waited).isBetween(simulated / 4 - waits.size(), simulated / 4 + 1);
        assertThat(call).isEqualTo(Simulations.run(LEADS.get(Persona.QUALIFIED_BUYER), ToolPolicy.allowAll()));
    }
}
