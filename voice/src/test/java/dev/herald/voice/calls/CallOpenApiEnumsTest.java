package dev.herald.voice.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.voice.core.call.EndReason;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every {@code end_reason} the call views document lists the whole closed set of
 * {@link EndReason}: a reason the document leaves out makes the call's answer fail validation
 * (a lost call, {@code node_lost}, did).
 */
class CallOpenApiEnumsTest {
    @Test
    void everyEndReasonEnumInTheCallsReadFragmentNamesEveryEndReason() throws Exception {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/openapi/voice/calls-read.json")) {
            assertThat(in).as("calls-read.json on the class path").isNotNull();
            doc = new ObjectMapper().readTree(in);
        }
        List<JsonNode> enums = new ArrayList<>();
        collect(doc, enums);
        assertThat(enums).as("end_reason enums in calls-read.json").isNotEmpty();
        Set<String> wires = Arrays.stream(EndReason.values()).map(EndReason::wire)
                .collect(Collectors.toCollection(TreeSet::new));
        for (JsonNode e : enums) {
            Set<String> listed = new TreeSet<>();
            e.forEach(v -> {
                if (!v.isNull()) {
                    listed.add(v.asText());
                }
            });
            assertThat(listed).isEqualTo(wires);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isObject()) {
            JsonNode reason = node.path("end_reason");
            if (reason.path("enum").isArray()) {
                out.add(reason.path("enum"));
            }
            node.forEach(child -> collect(child, out));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, out));
        }
    }
}
