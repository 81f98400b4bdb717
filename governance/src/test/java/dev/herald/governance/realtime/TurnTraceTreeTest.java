package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.governance.policy.Decision;
import dev.herald.platform.http.JsonMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trace a turn's chain payload holds is hashed: the hand-built tree must be Jackson's, member for member. */
class TurnTraceTreeTest {
    private static final ObjectMapper JSON = JsonMapping.create();

    @Test
    void traceTree_isWhatTheMapperMakesOfTheSteps_nullsIncluded() {
        List<Decision.Step> trace = new Decision.Builder()
                .pass("budget", "within the envelope")
                .skip("ratify", null)
                .fail("tokens", "token_limit", "Too long.", "input 9000 > 8000 \"quoted\" \u00e9")
                .build().trace();

        JsonNode byMapper = JSON.valueToTree(trace);

        assertThat(TurnService.traceTree(trace)).isEqualTo(byMapper);
        assertThat(TurnService.traceTree(List.of())).isEqualTo(JSON.valueToTree(List.of()));
    }
}
