package dev.herald.evidence.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Writer for the canonical JSON profile {@value #PROFILE}: object members sorted by key (by Unicode
 * code point, which is what a Python {@code sort_keys} writer does and differs from Java's UTF-16
 * order above U+FFFF), no whitespace, UTF-8 with non-ASCII characters written as themselves,
 * integers only. Only {@code "}, {@code \} and control characters below U+0020 are escaped, using
 * the short forms where JSON has them. Floats, non-finite numbers and unpaired surrogates are
 * rejected because they have no single agreed byte form. Stateless and thread-safe.
 */
public final class CanonicalJson {
    public static final String PROFILE = "keel.canonical_json.attestation_artifact.v1";

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Orders strings by Unicode code point. */
    public static final Comparator<String> CODE_POINT_ORDER = CanonicalJson::compareCodePoints;

    private CanonicalJson() {}

    /** Canonical UTF-8 bytes of {@code node}. */
    public static byte[] bytes(JsonNode node) {
        return bytesExcluding(node, Set.of());
    }

    /** Canonical bytes of an object with the given top-level members left out (no copy made). */
    public static byte[] bytesExcluding(JsonNode node, Set<String> excludedTopLevelKeys) {
        Sink sink = new Sink(null);
        write(node, sink, excludedTopLevelKeys);
        return sink.toByteArray();
    }

    /** SHA-256 of the canonical bytes. */
    public static Sha256 sha256(JsonNode node) {
        return sha256Excluding(node, Set.of());
    }

    /** SHA-256 of the canonical bytes of an object without the named top-level members. */
    public static Sha256 sha256Excluding(JsonNode node, Set<String> excludedTopLevelKeys) {
        Sink sink = new Sink(Sha256.newDigest());
        write(node, sink, excludedTopLevelKeys);
        return sink.digest();
    }

    private static void write(JsonNode node, Sink out, Set<String> excluded) {
        if (node == null || node.isMissingNode()) {
            throw new CanonicalJsonException("missing value");
        }
        if (!excluded.isEmpty() && !node.isObject()) {
            throw new CanonicalJsonException("member exclusion needs an object");
        }
        writeValue(node, out, excluded);
    }

    private static void writeValue(JsonNode node, Sink out, Set<String> excluded) {
        JsonNodeType type = node.getNodeType();
        switch (type) {
            case OBJECT -> writeObject(node, out, excluded);
            case ARRAY -> {
                out.write('[');
                boolean first = true;
                for (JsonNode element : node) {
                    if (!first) {
                        out.write(',');
                    }
                    first = false;
                    writeValue(element, out, Set.of());
                }
                out.write(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> writeNumber(node, out);
            case BOOLEAN -> out.writeAscii(node.booleanValue() ? "true" : "false");
            case NULL -> out.writeAscii("null");
            default -> throw new CanonicalJsonException("unsupported JSON node type " + type);
        }
    }

    private static void writeObject(JsonNode node, Sink out, Set<String> excluded) {
        int size = node.size();
        String[] keys = new String[size];
        int n = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!excluded.contains(key)) {
                keys[n++] = key;
            }
        }
        if (n > 1) {
            Arrays.sort(keys, 0, n, CODE_POINT_ORDER);
        }
        out.write('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.write(',');
            }
            writeString(keys[i], out);
            out.write(':');
            writeValue(node.get(keys[i]), out, Set.of());
        }
        out.write('}');
    }

    private static void writeNumber(JsonNode node, Sink out) {
        if (node.isIntegralNumber()) {
            out.writeAscii(node.bigIntegerValue().toString());
            return;
        }
        if (node.isDouble() || node.isFloat()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d)) {
                throw new CanonicalJsonException("non-finite number " + d + " is not allowed");
            }
        }
        throw new CanonicalJsonException("floating-point number " + node.asText() + " is not allowed; integers only");
    }

    private static void writeString(String s, Sink out) {
        out.write('"');
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '"' -> out.writeAscii("\\\"");
                    case '\\' -> out.writeAscii("\\\\");
                    case '\n' -> out.writeAscii("\\n");
                    case '\r' -> out.writeAscii("\\r");
                    case '\t' -> out.writeAscii("\\t");
                    case '\b' -> out.writeAscii("\\b");
                    case '\f' -> out.writeAscii("\\f");
                    default -> {
                        if (c < 0x20) {
                            out.writeAscii("\\u00");
                            out.write(HEX[c >> 4]);
                            out.write(HEX[c & 0xF]);
                        } else {
                            out.write(c);
                        }
                    }
                }
            } else if (c < 0x800) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= len || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new CanonicalJsonException("unpaired high surrogate at index " + i);
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else if (Character.isLowSurrogate(c)) {
                throw new CanonicalJsonException("unpaired low surrogate at index " + i);
            } else {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
        out.write('"');
    }

    private static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                // Surrogates (U+D800..DFFF) encode code points above U+FFFF, so they sort after
                // every BMP character, including U+E000..U+FFFF which UTF-16 order puts later.
                boolean sa = Character.isSurrogate(ca);
                boolean sb = Character.isSurrogate(cb);
                if (sa != sb) {
                    return sa ? 1 : -1;
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    /** Converts a plain map/list tree to canonical bytes via Jackson; convenience for tests and callers. */
    public static byte[] bytesOf(Map<String, ?> value) {
        return bytes(Json.MAPPER.valueToTree(value));
    }

    /** Buffer that either collects bytes or feeds a digest in chunks. */
    private static final class Sink {
        private final MessageDigest digest;
        private byte[] buf = new byte[8192];
        private int count;

        Sink(MessageDigest digest) {
            this.digest = digest;
        }

        void write(int b) {
            if (count == buf.length) {
                spill();
            }
            buf[count++] = (byte) b;
        }

        void writeAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                write(s.charAt(i));
            }
        }

        private void spill() {
            if (digest != null) {
                digest.update(buf, 0, count);
                count = 0;
            } else {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }

        Sha256 digest() {
            digest.update(buf, 0, count);
            return new Sha256(digest.digest());
        }
    }
}
