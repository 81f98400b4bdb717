package dev.herald.voice.core.simulation;

import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.profile.VoiceProfile;
import dev.herald.voice.core.qualifier.CallContext;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Shared set-up for simulation tests: the demo profile, a fresh calendar, a fixed start. */
final class Simulations {
    static final Instant START = Instant.parse("2026-01-15T15:00:00Z");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final VoiceProfile PROFILE = DefaultProfiles.demoQualifier();

    private Simulations() {}

    static SimulatedCall run(String leadId, ToolPolicy policy) {
        SimulatedTools tools = new SimulatedTools(new SimulatedCalendar(NEW_YORK, LocalTime.of(9, 0), LocalTime.of(17, 0)),
                StaticKnowledge.demo());
        ConversationRunner runner = new ConversationRunner(PROFILE, DefaultProfiles.QUALIFY_FOR_DEMO, policy, tools);
        return runner.run(context(leadId), SimClock.compressed(START));
    }

    static CallContext context(String leadId) {
        return new CallContext(leadId, Optional.of("Ada Lovelace"), Optional.of("Analytical Engines"), Optional.of(NEW_YORK));
    }

    /** The first lead id of the form lead-N for each persona (deterministic). */
    static Map<Persona, String> oneLeadPerPersona() {
        Map<Persona, String> found = new EnumMap<>(Persona.class);
        for (int i = 0; found.size() < Persona.values().length; i++) {
            found.putIfAbsent(Personas.forLead("lead-" + i).persona(), "lead-" + i);
        }
        return found;
    }

    static String render(SimulatedCall call) {
        StringBuilder out = new StringBuilder(call.persona() + " " + call.outcome() + " " + call.end() + "\n");
        call.transcript().forEach(t -> out.append(String.format("%6d-%6d %s%s: %s%n", t.startMs(), t.endMs(),
                t.role().wire(), t.interrupted() ? " (cut)" : "", t.text())));
        call.toolEvents().forEach(e -> out.append(e.atMs()).append(" tool ").append(e.call().tool().wire())
                .append(e.allowed() ? " allowed " : " DENIED ").append(e.result()).append('\n'));
        out.append(call.summary()).append('\n');
        return out.toString();
    }
}
