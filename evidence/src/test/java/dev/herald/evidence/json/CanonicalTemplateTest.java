package dev.herald.evidence.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanonicalTemplateTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void fillingTheHolesGivesTheCanonicalBytesOfTheWholeObject() {
        Random random = new Random(7);
        String[] names = {"a", "b", "sequence", "zz", "é", "\ud83d\ude00", "\uffff", "occurred_at", "A", "_", "previous"};
        for (int round = 0; round < 500; round++) {
            ObjectNode whole = JSON.objectNode();
            for (String name : names) {
                if (random.nextInt(3) > 0) {
                    whole.set(name, value(random));
                }
            }
            Set<String> holes = Set.of("sequence", "occurred_at", "previous", "\ud83d\ude00");
            ObjectNode partial = whole.deepCopy();
            Map<String, JsonNode> values = new LinkedHashMap<>();
            for (String hole : holes) {
                JsonNode v = value(random);
                whole.set(hole, v);
                values.put(hole, v);
                if (random.nextBoolean()) {
                    partial.set(hole, JSON.textNode("stale value the fill replaces"));
                }
            }
            assertThat(CanonicalTemplate.of(partial, holes).fill(values)).as("round %d", round)
                    .isEqualTo(CanonicalJson.bytes(whole));
        }
    }

    @Test
    void anObjectOfHolesOnlyFillsToThoseMembers() {
        CanonicalTemplate t = CanonicalTemplate.of(JSON.objectNode(), Set.of("b", "a"));
        assertThat(new String(t.fill(Map.of("a", JSON.numberNode(1), "b", JSON.textNode("x")))))
                .isEqualTo("{\"a\":1,\"b\":\"x\"}");
        assertThat(new String(CanonicalTemplate.of(JSON.objectNode().put("k", 1), Set.of()).fill(Map.of())))
                .isEqualTo("{\"k\":1}");
    }

    @Test
    void refusesAFillThatDoesNotNameExactlyTheHoles() {
        CanonicalTemplate t = CanonicalTemplate.of(JSON.objectNode().put("k", 1), Set.of("seq"));
        assertThatThrownBy(() -> t.fill(Map.of())).isInstanceOf(CanonicalJsonException.class);
        assertThatThrownBy(() -> t.fill(Map.of("seq", JSON.numberNode(1), "other", JSON.numberNode(2))))
                .isInstanceOf(CanonicalJsonException.class);
        assertThatThrownBy(() -> t.fill(Map.of("seq", JSON.numberNode(1.5))))
                .isInstanceOf(CanonicalJsonException.class);
    }

    private static JsonNode value(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> JSON.numberNode(random.nextLong());
            case 1 -> JSON.textNode("t\"\\\n" + random.nextInt(1000) + "é");
            case 2 -> JSON.nullNode();
            case 3 -> JSON.objectNode().put("z", 1).put("a", random.nextBoolean());
            default -> JSON.arrayNode().add(1).add("two");
        };
    }
}
