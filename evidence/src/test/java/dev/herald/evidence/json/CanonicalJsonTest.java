package dev.herald.evidence.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.Reference;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static String canonical(String json) throws Exception {
        return new String(CanonicalJson.bytes(Json.parse(json.getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8);
    }

    @Test
    void sortsKeysRecursively_andDropsWhitespace() throws Exception {
        assertThat(canonical("{ \"b\": [3, {\"z\": 1, \"a\": null}], \"a\": true }"))
                .isEqualTo("{\"a\":true,\"b\":[3,{\"a\":null,\"z\":1}]}");
    }

    @Test
    void writesNonAsciiAsItself_andEscapesOnlyQuotesBackslashAndControls() throws Exception {
        String out = canonical("{\"k\":\"é ✓ \\u0001 \\\" \\\\ \\n \\t \\/ \\u007f \\u2028\"}");
        assertThat(out).isEqualTo("{\"k\":\"é ✓ \\u0001 \\\" \\\\ \\n \\t / \u007f \u2028\"}");
    }

    @Test
    void encodesSurrogatePairsAsOneFourByteCharacter() throws Exception {
        byte[] bytes = CanonicalJson.bytes(Json.parse("\"\\ud83d\\ude00\"".getBytes(StandardCharsets.UTF_8)));
        assertThat(bytes).containsExactly('"', 0xF0, 0x9F, 0x98, 0x80, '"');
    }

    @Test
    void rejectsUnpairedSurrogates() throws Exception {
        JsonNode lone = Json.parse("\"\\ud83d x\"".getBytes(StandardCharsets.UTF_8));
        JsonNode lowFirst = Json.parse("\"\\ude00\"".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CanonicalJson.bytes(lone)).isInstanceOf(CanonicalJsonException.class).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> CanonicalJson.bytes(lowFirst)).isInstanceOf(CanonicalJsonException.class);
    }

    @Test
    void sortsKeysByCodePoint_notUtf16Unit() throws Exception {
        // U+FF5E (BMP, high) must come before U+1F600 (supplementary), although UTF-16 order says otherwise.
        assertThat(canonical("{\"\\ud83d\\ude00\":1,\"\\uff5e\":2}")).isEqualTo("{\"\uff5e\":2,\"\ud83d\ude00\":1}");
    }

    @Test
    void rejectsFloatsAndNonFiniteNumbers() throws Exception {
        assertThatThrownBy(() -> canonical("{\"a\":1.5}")).isInstanceOf(CanonicalJsonException.class).hasMessageContaining("integers only");
        assertThatThrownBy(() -> canonical("[1e3]")).isInstanceOf(CanonicalJsonException.class);
        assertThatThrownBy(() -> CanonicalJson.bytes(DoubleNode.valueOf(Double.NaN))).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> CanonicalJson.bytes(FloatNode.valueOf(Float.POSITIVE_INFINITY))).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> CanonicalJson.bytes(DecimalNode.valueOf(new BigDecimal("2.0")))).isInstanceOf(CanonicalJsonException.class);
    }

    @Test
    void writesLargeIntegersExactly() throws Exception {
        assertThat(canonical("[-0, 12345678901234567890123, -9007199254740993]")).isEqualTo("[0,12345678901234567890123,-9007199254740993]");
    }

    @Test
    void hashingIsIdenticalToHashingTheBytes_evenPastTheBuffer() {
        ObjectNode big = Json.object();
        for (int i = 0; i < 2000; i++) {
            big.put("key" + i, "välue ✓ " + i);
        }
        assertThat(CanonicalJson.sha256(big)).isEqualTo(Sha256.of(CanonicalJson.bytes(big)));
        assertThat(CanonicalJson.sha256Excluding(big, Set.of("key7")))
                .isEqualTo(Sha256.of(CanonicalJson.bytes(big.deepCopy().without("key7"))));
    }

    @Test
    void reproducesTheSampleSignedContentHash() throws Exception {
        JsonNode sample = Json.parse(Reference.keelBytes("voice_session_export_v3.json"));
        Sha256 signed = CanonicalJson.sha256Excluding(sample, Set.of("signatures"));
        assertThat(signed.prefixed()).isEqualTo(sample.get("signatures").get(0).get("content_hash").asText());
    }

    @Test
    void duplicateKeysAreRefusedWhenReading() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("Duplicate");
    }

    @Test
    void splicingAMemberIn_equalsWritingTheWholeObject() throws Exception {
        for (String json : new String[] {"{}", "{\"a\":1}", "{\"z\":1}", "{\"a\":1,\"z\":[2]}", "{\"a\":{\"m\":0},\"b\":2,\"y\":3}"}) {
            ObjectNode object = (ObjectNode) Json.parse(json.getBytes(StandardCharsets.UTF_8));
            JsonNode value = Json.parse("[{\"k\":\"v\"}]".getBytes(StandardCharsets.UTF_8));
            byte[] spliced = CanonicalJson.spliceable(object, "m").insert(value);
            assertThat(new String(spliced, StandardCharsets.UTF_8))
                    .isEqualTo(new String(CanonicalJson.bytes(object.deepCopy().set("m", value)), StandardCharsets.UTF_8));
        }
    }
}
