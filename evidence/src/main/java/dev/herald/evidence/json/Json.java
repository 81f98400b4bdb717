package dev.herald.evidence.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The module's single Jackson configuration. Duplicate object keys are refused when reading,
 * because two different members under one key would make "the" canonical form ambiguous.
 */
public final class Json {
    /** Largest document the verifier reads: a 10,000-event artifact is about 10 MB. */
    public static final int MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(MAX_DOCUMENT_BYTES).build());
    }

    private Json() {}

    public static JsonNodeFactory nodes() {
        return JsonNodeFactory.instance;
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Parses JSON bytes; throws {@link IOException} for malformed input or duplicate keys. */
    public static JsonNode parse(byte[] utf8) throws IOException {
        return MAPPER.readTree(utf8);
    }

    /** Human-friendly pretty form (not canonical; for files a person may read). */
    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new CanonicalJsonException("cannot render JSON: " + e.getMessage());
        }
    }
}
