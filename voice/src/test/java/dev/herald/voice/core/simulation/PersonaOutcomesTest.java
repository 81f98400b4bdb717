package dev.herald.voice.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.EndReason;
import dev.herald.voice.core.call.Role;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.profile.Tool;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PersonaOutcomesTest {
    private static final Map<Persona, String> LEADS = Simulations.oneLeadPerPersona();

    @Test
    void everyPersona_endsWithItsExpectedOutcome() {
        for (Map.Entry<Persona, String> e : LEADS.entrySet()) {
            SimulatedCall call = Simulations.run(e.getValue(), ToolPolicy.allowAll());
            assertThat(call.outcome()).as(Simulations.render(call)).isEqualTo(e.getKey().expectedOutcome());
        }
    }

    @Test
    void qualifiedBuyer_getsAMeetingBooked_andEveryAnswerExtracted() {
        SimulatedCall call = Simulations.run(LEADS.get(Persona.QUALIFIED_BUYER), ToolPolicy.allowAll());
        assertThat(call.verdict().qualified()).isTrue();
        assertThat(call.verdict().meeting()).isPresent();
        assertThat(call.verdict().answers()).containsOnlyKeys("decision_maker", "team_size", "budget", "timeline", "current_tool");
        assertThat(call.end().reason()).isEqualTo(EndReason.AGENT_ENDED);
        assertThat(call.toolEvents()).extracting(e -> e.call().tool()).contains(Tool.CHECK_AVAILABILITY, Tool.BOOK_MEETING, Tool.END_CALL);
    }

    @Test
    void firstAgentTurn_carriesTheAiDisclosure_andTurnsAreOrderedInTime() {
        for (String leadId : LEADS.values()) {
            SimulatedCall call = Simulations.run(leadId, ToolPolicy.allowAll());
            if (call.transcript().isEmpty()) {
                assertThat(call.outcome()).isIn(CallOutcome.NO_ANSWER, CallOutcome.BUSY);
                continue;
            }
            TranscriptTurn first = call.transcript().getFirst();
            assertThat(first.role()).isEqualTo(Role.AGENT);
            assertThat(first.text()).contains(Simulations.PROFILE.aiDisclosure());
            for (int i = 1; i < call.transcript().size(); i++) {
                assertThat(call.transcript().get(i).startMs()).isGreaterThanOrEqualTo(call.transcript().get(i - 1).endMs());
            }
            assertThat(call.durationMs()).isGreaterThanOrEqualTo(call.transcript().getLast().endMs());
        }
    }

    @Test
    void hangUpMidCall_isUnqualified_withTheCalleeEndingTheLine() {
        SimulatedCall call = Simulations.run(LEADS.get(Persona.HANG_UP_MID_CALL), ToolPolicy.allowAll());
        assertThat(call.end().reason()).isEqualTo(EndReason.CALLEE_HUNG_UP);
        assertThat(call.verdict().followUps()).extracting(Enum::name).contains("CALLEE_HUNG_UP");
        assertThat(call.transcript().getLast().role()).isEqualTo(Role.AGENT);
    }

    @Test
    void interrupter_cutsAgentTurnsShort_andStillQualifies() {
        SimulatedCall call = Simulations.run(LEADS.get(Persona.INTERRUPTER), ToolPolicy.allowAll());
        assertThat(call.transcript()).anyMatch(TranscriptTurn::interrupted);
        assertThat(call.outcome()).isEqualTo(CallOutcome.QUALIFIED);
    }

    @Test
    void noAnswerAndBusy_neverConnect() {
        SimulatedCall none = Simulations.run(LEADS.get(Persona.NO_ANSWER), ToolPolicy.allowAll());
        assertThat(none.answeredAt()).isEmpty();
        assertThat(none.end().reason()).isEqualTo(EndReason.NO_ANSWER);
        assertThat(Simulations.run(LEADS.get(Persona.BUSY), ToolPolicy.allowAll()).end().reason()).isEqualTo(EndReason.BUSY);
    }

    @Test
    void personaShares_areRoughlyAsDocumented() {
        Map<Persona, Integer> counts = new java.util.EnumMap<>(Persona.class);
        SplittableRandom ids = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            counts.merge(Personas.forLead(Long.toHexString(ids.nextLong())).persona(), 1, Integer::sum);
        }
        assertThat(counts.get(Persona.QUALIFIED_BUYER)).isBetween(2_700, 3_300);
        assertThat(counts.get(Persona.DO_NOT_CALL_REQUEST)).isBetween(350, 650);
    }
}
