package dev.herald.voice.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonaOutcomesTest {

    @Test
    void everyPersona_endsWithItsExpectedOutcome() {
        for (Map.Entry<Persona, String> e : Simulations.oneLeadPerPersona().entrySet()) {
            SimulatedCall call = Simulations.run(e.getValue(), ToolPolicy.allowAll());
            System.out.println(Simulations.render(call));
            assertThat(call.outcome()).as(Simulations.render(call)).isEqualTo(e.getKey().expectedOutcome());
        }
    }
}
