package dev.herald.voice.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.voice.core.call.EndReason;
import dev.herald.voice.core.call.Role;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.qualifier.ToolCall;
import dev.herald.voice.core.qualifier.ToolResult;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallObserverTest {
    private static final Map<Persona, String> LEADS = Simulations.oneLeadPerPersona();

    /** Writes down what it hears, in order. */
    private static final class Recorder implements CallObserver {
        final List<String> heard = new ArrayList<>();
        final List<TranscriptTurn> turns = new ArrayList<>();
        int agentTurns;
        int denyTurnNumber = -1;
        int hangupAfterSteps = -1;
        int steps;

        @Override
        public void answered(Instant at) {
            heard.add("answered");
        }

        @Override
        public Optional<String> agentTurn(String text, Instant at) {
            agentTurns++;
            heard.add("turn");
            return agentTurns == denyTurnNumber ? Optional.of("policy says no") : Optional.empty();
        }

        @Override
        public void partial(Role role, String textSoFar, long startMs) {
            heard.add("partial:" + role.wire() + ":" + textSoFar);
        }

        @Override
        public void utterance(TranscriptTurn turn, Instant at) {
            heard.add("final:" + turn.role().wire());
            turns.add(turn);
        }

        @Override
        public void toolCall(ToolCall call, long atMs) {
            heard.add("tool:" + call.tool().wire());
        }

        @Override
        public void toolDecision(ToolCall call, Optional<String> denial, long atMs) {
            heard.add("decision:" + (denial.isEmpty() ? "allow" : "deny"));
        }

        @Override
        public void toolResult(ToolCall call, ToolResult result, long atMs) {
            heard.add("result");
        }

        @Override
        public boolean hangupRequested() {
            return hangupAfterSteps >= 0 && ++steps > hangupAfterSteps;
        }
    }

    private static SimulatedCall run(String leadId, Recorder observer) {
        SimulatedTools tools = new SimulatedTools(new SimulatedCalendar(Simulations.NEW_YORK, LocalTime.of(9, 0),
                LocalTime.of(17, 0)), StaticKnowledge.demo());
        return new ConversationRunner(Simulations.PROFILE, DefaultProfiles.QUALIFY_FOR_DEMO, ToolPolicy.allowAll(), tools)
                .run(Simulations.context(leadId), SimClock.compressed(Simulations.START), observer);
    }

    @Test
    void observer_hearsTheWholeCallAsItHappens_andChangesNothing() {
        Recorder observer = new Recorder();
        SimulatedCall call = run(LEADS.get(Persona.QUALIFIED_BUYER), observer);

        assertThat(call).isEqualTo(Simulations.run(LEADS.get(Persona.QUALIFIED_BUYER), ToolPolicy.allowAll()));
        assertThat(observer.turns).isEqualTo(call.transcript());
        assertThat(observer.heard.getFirst()).isEqualTo("answered");
        assertThat(observer.heard).containsSubsequence("tool:book_meeting", "decision:allow", "result");
        // Every final utterance of more than four words was preceded by its partials, each a prefix of it.
        String firstAgent = call.transcript().getFirst().text();
        assertThat(observer.heard).contains("partial:agent:" + String.join(" ",
                List.of(firstAgent.split("\\s+")).subList(0, 4)));
        assertThat(observer.heard.indexOf("partial:agent:" + String.join(" ",
                List.of(firstAgent.split("\\s+")).subList(0, 4)))).isLessThan(observer.heard.indexOf("final:agent"));
        assertThat(observer.agentTurns).isEqualTo(call.transcript().stream().filter(t -> t.role() == Role.AGENT).count());
    }

    @Test
    void aDeniedAgentTurn_isNeverSpoken_andEndsTheCall() {
        Recorder observer = new Recorder();
        observer.denyTurnNumber = 2;
        SimulatedCall call = run(LEADS.get(Persona.QUALIFIED_BUYER), observer);

        assertThat(call.end().reason()).isEqualTo(EndReason.POLICY_DENIED);
        assertThat(call.transcript().stream().filter(t -> t.role() == Role.AGENT)).hasSize(1);
    }

    @Test
    void aHangupRequest_endsTheCallAtTheNextStep() {
        Recorder observer = new Recorder();
        observer.hangupAfterSteps = 3;
        SimulatedCall call = run(LEADS.get(Persona.QUALIFIED_BUYER), observer);

        assertThat(call.end().reason()).isEqualTo(EndReason.OPERATOR_HUNG_UP);
        assertThat(call.verdict().meeting()).isEmpty();
    }
}
