package dev.herald.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The document assembled from the fragments says exactly what the single hand-written document
 * said: same head, paths, operations and components (JSON objects compare without regard to key
 * order). The tags are the same set; their order now follows the fragments (by module).
 */
class OpenApiFragmentsEquivalenceTest {
    @Test
    void assembledDocumentEqualsTheSingleDocumentItReplaces() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode before = (ObjectNode) mapper.readTree(OpenApiDocument.resource("openapi/herald.json").json());
        ObjectNode after = (ObjectNode) mapper.readTree(OpenApiDocument.herald());
        assertThat(sortedByName(after.remove("tags"))).isEqualTo(sortedByName(before.remove("tags")));
        assertThat(after.path("paths").size()).isEqualTo(before.path("paths").size());
        assertThat(after).isEqualTo(before);
    }

    private static List<String> sortedByName(JsonNode tags) {
        List<JsonNode> list = new ArrayList<>();
        tags.forEach(list::add);
        list.sort(Comparator.comparing(t -> t.path("name").asText()));
        return list.stream().map(JsonNode::toString).toList();
    }
}
