package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.ratify.internal.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static String c(Object v) {
        return new String(CanonicalJson.encode(v), StandardCharsets.UTF_8);
    }

    @Test
    void escapesLineAndParagraphSeparatorsLikeGo() {
        assertThat(c(Map.of("b", "a & b \u2028 c \u2029 d", "a", "<script>")))
                .isEqualTo("{\"a\":\"<script>\",\"b\":\"a & b \\u2028 c \\u2029 d\"}");
    }

    @Test
    void usesMinimalEscapesForControlCharacters() {
        assertThat(c("\"\\\b\f\n\r\t\u0001\u001f\u007f"))
                .isEqualTo("\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\"");
    }

    @Test
    void sortsKeysByCodePointNotUtf16Unit() {
        // U+1F600 (surrogate pair) sorts after U+FFFD by code point, before it by UTF-16 unit.
        String json = c(Map.of("\uFFFD", 1, "\uD83D\uDE00", 2, "a", 3, "B", 4));
        assertThat(json).isEqualTo("{\"B\":4,\"a\":3,\"\uFFFD\":1,\"\uD83D\uDE00\":2}");
    }

    @Test
    void formatsNumbersInShortestForm() {
        assertThat(c(List.of(20.0, 37.7694, -122.4862, 0.0, 5000.0, 1e21, 1e-7, 123456789.0, 7L)))
                .isEqualTo("[20,37.7694,-122.4862,0,5000,1e+21,1e-7,123456789,7]");
    }

    @Test
    void writesSmallExponentsUnpaddedAsGoAndRfc8785Do() {
        // Go's encoding/json trims "e-07" to "e-7"; a padded exponent changes the signed bytes.
        assertThat(c(List.of(1e-7, -1.23456e-8, 9e-9, 1.5e-10, 5e-324, 1.7976931348623157e308)))
                .isEqualTo("[1e-7,-1.23456e-8,9e-9,1.5e-10,5e-324,1.7976931348623157e+308]");
    }

    @Test
    void encodesBytesAsPaddedStandardBase64() {
        assertThat(c(new byte[] {(byte) 0xfb, (byte) 0xff})).isEqualTo("\"+/8=\"");
    }

    @Test
    void rejectsLoneSurrogates() {
        assertThatThrownBy(() -> c("\uD83D")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emitsNoWhitespaceAndNoTrailingNewline() {
        assertThat(c(Map.of("x", 42, "y", List.of("hello", true)))).isEqualTo("{\"x\":42,\"y\":[\"hello\",true]}");
    }

    @Test
    void absentPathPrefixIsOmittedFromSignableBytes() {
        DelegationCert cert = TestKit.rootToAgent(List.of("files:write"),
                List.of(new Constraint.ResourcePath("git:acme/w", null)));
        String s = new String(SignableBytes.delegation(cert), StandardCharsets.UTF_8);
        assertThat(s).contains("{\"resource_id\":\"git:acme/w\",\"type\":\"resource_path\"}");
    }
}
