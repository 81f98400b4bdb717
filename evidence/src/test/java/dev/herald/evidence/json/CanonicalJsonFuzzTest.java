package dev.herald.evidence.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Coverage-guided fuzzing of the artifact profile's canonical JSON writer (docs/fuzzing.md). For
 * any JSON document: the writer refuses it with {@link CanonicalJsonException} (floats, lone
 * surrogates) and nothing else, or writes strict UTF-8 that parses back to the same tree, whose
 * members are in code-point order, and which canonicalizes to itself. Every other entry point
 * (digest, member exclusion, splicing, templates) agrees byte for byte with {@link
 * CanonicalJson#bytes}. Without {@code JAZZER_FUZZ} the build runs the committed seeds.
 */
class CanonicalJsonFuzzTest {
    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"\\ud800", "\\udfff", "\\ud83d\\ude00", "\\uffff", "\\ue000", "\\u0000", "\\u001f",
            "-0", "1.0", "9223372036854775808", "\"signatures\":"})
    void canonicalFormParsesBackAndIsAFixedPoint(byte[] input) throws IOException {
        JsonNode node;
        try {
            node = Json.parse(input);
        } catch (IOException notJson) {
            return;
        }
        if (node == null || node.isMissingNode()) {
            return;
        }
        byte[] canonical;
        try {
            canonical = CanonicalJson.bytes(node);
        } catch (CanonicalJsonException refused) {
            return;
        }
        strictUtf8(canonical);
        JsonNode back = Json.parse(canonical);
        assertThat(back).isEqualTo(node);
        assertThat(CanonicalJson.bytes(back)).as("canonicalizing twice").isEqualTo(canonical);
        assertMembersSorted(back);
        assertThat(CanonicalJson.sha256(node)).isEqualTo(Sha256.of(canonical));
        if (node instanceof ObjectNode object && !object.isEmpty()) {
            assertPartialFormsAgree(object, canonical);
        }
    }

    /** Exclusion, splicing and templates of the first member give the same bytes as the whole. */
    private static void assertPartialFormsAgree(ObjectNode object, byte[] canonical) {
        String key = object.fieldNames().next();
        JsonNode value = object.get(key);
        ObjectNode without = object.deepCopy();
        without.remove(key);
        byte[] excluded = CanonicalJson.bytesExcluding(object, Set.of(key));
        assertThat(excluded).isEqualTo(CanonicalJson.bytes(without));
        assertThat(CanonicalJson.sha256Excluding(object, Set.of(key))).isEqualTo(Sha256.of(excluded));
        assertThat(CanonicalJson.spliceable(object, key).insert(value)).as("splice of " + key).isEqualTo(canonical);
        assertThat(CanonicalTemplate.of(object, Set.of(key)).fill(Map.of(key, value))).as("template")
                .isEqualTo(canonical);
    }

    private static void assertMembersSorted(JsonNode node) {
        if (node.isObject()) {
            String previous = null;
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (previous != null) {
                    assertThat(CanonicalJson.CODE_POINT_ORDER.compare(previous, name)).as("order of " + name)
                            .isNegative();
                }
                previous = name;
                assertMembersSorted(node.get(name));
            }
        } else if (node.isArray()) {
            node.forEach(CanonicalJsonFuzzTest::assertMembersSorted);
        }
    }

    private static void strictUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new AssertionError("canonical output is not well-formed UTF-8", e);
        }
    }
}
