package dev.herald.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
    private final JsonBody json = new JsonBody(JsonMapping.create());

    private static byte[] withRawBytes(String before, byte[] raw, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] b = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + raw.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(raw, 0, out, a.length, raw.length);
        System.arraycopy(b, 0, out, a.length + raw.length, b.length);
        return out;
    }

    @Test
    void aFourByteSequenceAboveU10ffff_isMalformedUtf8_notAStringOfLoneSurrogates() {
        // F4 9F 98 80 would be U+11F600: Jackson alone decodes it to two unpaired surrogates.
        byte[] body = withRawBytes("{\"text\":\"", new byte[] {(byte) 0xF4, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
                "\"}");
        assertThatThrownBy(() -> json.parse(body, JsonNode.class)).isInstanceOf(Problems.BadRequest.class)
                .hasMessage("request body is not well-formed UTF-8");
    }

    @Test
    void anEncodedSurrogateAndAnOverlongForm_areMalformedUtf8() {
        for (byte[] raw : new byte[][] {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}}) {
            assertThatThrownBy(() -> json.parse(withRawBytes("{\"a\":\"", raw, "\"}"), JsonNode.class))
                    .isInstanceOf(Problems.BadRequest.class);
        }
    }

    @Test
    void wellFormedUtf8OfEveryLength_isRead() {
        JsonNode node = json.parse("{\"text\":\"a \u00e9 \u2713 \uD83D\uDE00\"}".getBytes(StandardCharsets.UTF_8),
                JsonNode.class);
        assertThat(node.get("text").textValue()).isEqualTo("a \u00e9 \u2713 \uD83D\uDE00");
    }

    /** A record that checks itself, naming its own members. */
    record Amount(long value) {
        Amount {
            if (value < 0) {
                throw new Invalid("value", "must not be negative");
            }
        }
    }

    record Order(Amount total, List<Amount> items) {
    }

    record Tagged(java.util.Map<String, Object> tags) {
    }

    @Test
    void aNestedRecordsOwnFieldErrors_areNamedFromTheBodysRoot() {
        assertThatThrownBy(() -> json.parse("{\"total\":{\"value\":-1},\"items\":[]}".getBytes(StandardCharsets.UTF_8),
                Order.class)).isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("total.value", "must not be negative")));
        assertThatThrownBy(() -> json.parse("{\"total\":{\"value\":1},\"items\":[{\"value\":2},{\"value\":-2}]}"
                .getBytes(StandardCharsets.UTF_8), Order.class)).isInstanceOfSatisfying(Invalid.class,
                e -> assertThat(e.errors()).containsExactly(new FieldError("items[1].value", "must not be negative")));
        assertThatThrownBy(() -> json.parse("{\"value\":-3}".getBytes(StandardCharsets.UTF_8), Amount.class))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("value", "must not be negative")));
    }

    @Test
    void bytesThatAreNotJsonInsideAMember_areUnreadable_notAFieldError() {
        for (String body : new String[] {"{\"total\":{\"value\":", "{\"total\":{\"value\":1,}}",
                "{\"total\":{\"value\":1},\"items\":[{\"value\":1]}"}) {
            assertThatThrownBy(() -> json.parse(body.getBytes(StandardCharsets.UTF_8), Order.class)).as(body)
                    .isInstanceOf(Problems.BadRequest.class).hasMessageStartingWith("malformed JSON: ");
        }
        String deep = "{\"tags\":{\"a\":" + "[".repeat(1_500) + "]".repeat(1_500) + "}}";
        assertThatThrownBy(() -> json.parse(deep.getBytes(StandardCharsets.UTF_8), Tagged.class))
                .isInstanceOf(Problems.BadRequest.class).hasMessageContaining("nesting depth");
    }

    @Test
    void aNumberOutOfRangeInsideAMember_isThatMembersError() {
        assertThatThrownBy(() -> json.parse("{\"total\":{\"value\":99999999999999999999}}"
                .getBytes(StandardCharsets.UTF_8), Order.class)).isInstanceOfSatisfying(Invalid.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("total.value"));
    }

    @Test
    void everyUnknownMember_isNamedAtOnce_byItsPath_withTheOtherErrorsAfterThem() {
        // Members before a record's last creator member are replayed by Jackson later: any order.
        assertThatThrownBy(() -> json.parse(("{\"total\":{\"value\":1,\"currency\":\"EUR\"},\"note\":[1,{}],"
                + "\"items\":[{\"value\":2},{\"value\":3,\"sku\":{\"a\":1}}],\"extra\":null}")
                .getBytes(StandardCharsets.UTF_8), Order.class)).isInstanceOfSatisfying(Invalid.class,
                e -> assertThat(e.errors()).containsExactlyInAnyOrder(new FieldError("total.currency", "unknown field"),
                        new FieldError("note", "unknown field"), new FieldError("items[1].sku", "unknown field"),
                        new FieldError("extra", "unknown field")));
        String unknownFirst = "{\"total\":{\"value\":1,\"currency\":\"EUR\"},\"items\":";
        assertThatThrownBy(() -> json.parse((unknownFirst + "[{\"value\":-1}]}").getBytes(StandardCharsets.UTF_8),
                Order.class)).isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("total.currency", "unknown field"),
                        new FieldError("items[0].value", "must not be negative")));
        assertThatThrownBy(() -> json.parse((unknownFirst + "\"none\"}").getBytes(StandardCharsets.UTF_8),
                Order.class)).isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("total.currency", "unknown field"), new FieldError("items", "must be an array")));
    }
}
