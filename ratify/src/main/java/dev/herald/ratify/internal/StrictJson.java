package dev.herald.ratify.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Strict parsing of untrusted JSON: well-formed UTF-8 without BOM, no duplicate keys, nothing
 * after the document, bounded nesting, and typed accessors that reject unknown fields, unsafe or
 * non-integer numbers on integer fields, and non-canonical base64. Every error carries a path.
 */
public final class StrictJson {
    private StrictJson() {}

    /** A decode failure at a JSON path. */
    public static final class Failure extends RuntimeException {
        public final String path;
        public final String defect;

        public Failure(String path, String defect) {
            super(path + ": " + defect, null, false, false);
            this.path = path;
            this.defect = defect;
        }
    }

    private static final long MAX_SAFE = 9007199254740991L;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** Parses {@code bytes} after checking {@code maxBytes}, encoding and BOM. */
    public static Node parse(byte[] bytes, int maxBytes, String what) {
        if (bytes.length > maxBytes) {
            throw new Failure("$", what + " is " + bytes.length + " bytes, exceeding the limit of "
                    + maxBytes + " bytes");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf) {
            throw new Failure("$", "byte order mark is not allowed");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Failure("$", "malformed UTF-8");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String path = "$";
            if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
                String ptr = p.getParsingContext().pathAsPointer().toString();
                path = ptr.isEmpty() ? "$" : "$" + ptr.replace('/', '.');
            }
            throw new Failure(path, "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new Failure("$", "empty document");
        }
        refuseLoneSurrogates(root, "$");
        return new Node(root, "$");
    }

    /**
     * Refuses strings (values and member names) holding an unpaired UTF-16 surrogate, which JSON
     * can spell as a backslash-u escape although it is no Unicode text: such a string has no
     * canonical form, so nothing signed can contain it (SPEC 6).
     */
    private static void refuseLoneSurrogates(JsonNode node, String path) {
        if (node.isTextual()) {
            refuseLoneSurrogates(node.textValue(), path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseLoneSurrogates(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (var it = node.properties().iterator(); it.hasNext(); ) {
                var member = it.next();
                refuseLoneSurrogates(member.getKey(), path);
                refuseLoneSurrogates(member.getValue(), path + "." + member.getKey());
            }
        }
    }

    private static void refuseLoneSurrogates(String s, String path) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Failure(path, "unpaired UTF-16 surrogate escape at index " + i);
            }
        }
    }

    /** A JSON value at a path, with typed accessors. */
    public static final class Node {
        private final JsonNode json;
        private final String path;
        private final Set<String> used = new HashSet<>();

        Node(JsonNode json, String path) {
            this.json = json;
            this.path = path;
        }

        public String path() {
            return path;
        }

        public JsonNode raw() {
            return json;
        }

        public Failure fail(String defect) {
            return new Failure(path, defect);
        }

        public Node object() {
            if (!json.isObject()) {
                throw fail("expected an object");
            }
            return this;
        }

        public boolean has(String name) {
            return json.has(name);
        }

        public Node field(String name) {
            JsonNode v = json.get(name);
            if (v == null) {
                throw new Failure(path + "." + name, "required field is missing");
            }
            used.add(name);
            return new Node(v, path + "." + name);
        }

        public Node optField(String name) {
            JsonNode v = json.get(name);
            if (v == null) {
                return null;
            }
            used.add(name);
            return new Node(v, path + "." + name);
        }

        /** Rejects any field not read through this node (unknown fields in signed structures). */
        public void noOtherFields() {
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!used.contains(f)) {
                    throw new Failure(path + "." + f, "unknown field");
                }
            }
        }

        public String string() {
            if (!json.isTextual()) {
                throw fail("expected a string");
            }
            return json.textValue();
        }

        public boolean bool() {
            if (!json.isBoolean()) {
                throw fail("expected a boolean");
            }
            return json.booleanValue();
        }

        /** An integer written as a plain integer literal within +/-(2^53-1). */
        public long integer() {
            if (!json.isNumber()) {
                throw fail("expected an integer");
            }
            if (!json.isIntegralNumber()) {
                throw fail("expected an integer, got a fraction or exponent form");
            }
            if (!json.canConvertToLong() || Math.abs(json.longValue()) > MAX_SAFE) {
                throw fail("integer outside the safe range +/-(2^53-1)");
            }
            return json.longValue();
        }

        public int int32() {
            long v = integer();
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw fail("integer out of range");
            }
            return (int) v;
        }

        /** Any finite JSON number (for coordinates, amounts and speeds). */
        public double number() {
            if (!json.isNumber()) {
                throw fail("expected a number");
            }
            double d = json.doubleValue();
            if (!Double.isFinite(d)) {
                throw fail("number is not finite");
            }
            return d;
        }

        /** Padded standard base64 that re-encodes to exactly the same text. */
        public byte[] base64() {
            String s = string();
            byte[] out;
            try {
                out = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw fail("malformed base64: " + e.getMessage());
            }
            if (!Base64.getEncoder().encodeToString(out).equals(s)) {
                throw fail("non-canonical base64 (padding, unused bits or whitespace)");
            }
            return out;
        }

        public List<Node> array() {
            if (!json.isArray()) {
                throw fail("expected an array");
            }
            List<Node> out = new ArrayList<>(json.size());
            for (int i = 0; i < json.size(); i++) {
                out.add(new Node(json.get(i), path + "[" + i + "]"));
            }
            return out;
        }

        public <T> List<T> arrayOf(BiFunction<Node, Integer, T> f) {
            List<Node> nodes = array();
            List<T> out = new ArrayList<>(nodes.size());
            for (int i = 0; i < nodes.size(); i++) {
                out.add(f.apply(nodes.get(i), i));
            }
            return out;
        }

        public List<String> strings() {
            return arrayOf((n, i) -> n.string());
        }

        public boolean isNull() {
            return json.isNull();
        }

        public boolean isObject() {
            return json.isObject();
        }

        public Iterator<String> fieldNames() {
            return json.fieldNames();
        }
    }
}
