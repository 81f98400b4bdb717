package dev.herald.ratify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the Ratify canonical JSON writer (SPEC 6; docs/fuzzing.md). Any JSON
 * document, read into the writer's value model as Go reads it (integers that fit a long, other
 * numbers as doubles), either is refused with {@link IllegalArgumentException} (the writer's
 * documented refusal: lone surrogates, non-finite numbers) or is written as strict UTF-8 that
 * parses back to the same values, with members in code-point order, that canonicalizes to itself,
 * and whose every number has the RFC 8785 form Go's encoding/json also prints. Without
 * {@code JAZZER_FUZZ} the build runs the committed seeds.
 */
class CanonicalJsonFuzzTest {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** RFC 8785 number forms: plain decimal, and shortest digits with an unpadded signed exponent. */
    private static final String PLAIN_FORM = "-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?";
    private static final String EXPONENT_FORM = "-?[1-9](\\.[0-9]*[1-9])?e[+-][1-9][0-9]*";

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u2028", "\\u0000", "1e21", "1e-7", "-0",
            "5e-324", "1.7976931348623157e308", "9223372036854775808"})
    void canonicalFormParsesBackAndIsAFixedPoint(byte[] input) throws IOException {
        Object value;
        try {
            value = read(input);
        } catch (IOException notJson) {
            return;
        }
        byte[] canonical;
        try {
            canonical = CanonicalJson.encode(value);
        } catch (IllegalArgumentException refused) {
            return;
        }
        strictUtf8(canonical);
        Object back = read(canonical);
        assertSameValue(back, value, "$");
        assertThat(CanonicalJson.encode(back)).as("canonicalizing twice").isEqualTo(canonical);
        assertMembersSorted(MAPPER.readTree(canonical));
    }

    /** Plain values as the writer models them; a number that does not fit a long is a double, as in Go. */
    private static Object read(byte[] json) throws IOException {
        return model(MAPPER.readValue(json, Object.class));
    }

    private static Object model(Object v) {
        if (v instanceof BigInteger || v instanceof BigDecimal) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, model(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(CanonicalJsonFuzzTest::model).toList();
        }
        return v;
    }

    /** Equal JSON values; a double equals any number that parses to it (1.0 is written as 1). */
    private static void assertSameValue(Object actual, Object expected, String path) {
        if (expected instanceof Double d) {
            assertThat(actual).as(path).isInstanceOf(Number.class);
            assertThat(((Number) actual).doubleValue()).as(path).isEqualTo(d == 0 ? 0.0 : d);
            assertRfc8785Number(CanonicalJson.formatDouble(d), d, path);
        } else if (expected instanceof Number n) {
            assertThat(actual).as(path).isInstanceOf(Number.class);
            assertThat(((Number) actual).longValue()).as(path).isEqualTo(n.longValue());
        } else if (expected instanceof Map<?, ?> m) {
            assertThat(actual).as(path).isInstanceOf(Map.class);
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(a.keySet()).as(path).isEqualTo(m.keySet());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                assertSameValue(a.get(e.getKey()), e.getValue(), path + "." + e.getKey());
            }
        } else if (expected instanceof List<?> l) {
            assertThat(actual).as(path).isInstanceOf(List.class);
            List<?> a = (List<?>) actual;
            assertThat(a).as(path).hasSameSizeAs(l);
            for (int i = 0; i < l.size(); i++) {
                assertSameValue(a.get(i), l.get(i), path + "[" + i + "]");
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    /**
     * RFC 8785 (ECMAScript) number form, which is also Go's: plain decimal in [1e-6, 1e21), else
     * an exponent that has a sign and no leading zero; it reads back exactly, and no decimal with
     * fewer significant digits does.
     */
    private static void assertRfc8785Number(String text, double d, String path) {
        double abs = Math.abs(d);
        boolean exponent = abs != 0 && (abs < 1e-6 || abs >= 1e21);
        assertThat(text).as(path).matches(exponent ? EXPONENT_FORM : PLAIN_FORM);
        assertThat(Double.parseDouble(text)).as(path).isEqualTo(d == 0 ? 0.0 : d);
        int digits = new BigDecimal(text).stripTrailingZeros().precision();
        if (d != 0 && digits > 1) {
            BigDecimal exact = new BigDecimal(d);
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                assertThat(exact.round(new MathContext(digits - 1, mode)).doubleValue()).as(path + " shortest")
                        .isNotEqualTo(d);
            }
        }
    }

    private static void assertMembersSorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (int i = 1; i < names.size(); i++) {
                assertThat(CanonicalJson.compareKeys(names.get(i - 1), names.get(i))).as("order of " + names.get(i))
                        .isNegative();
            }
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                assertMembersSorted(it.next());
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
