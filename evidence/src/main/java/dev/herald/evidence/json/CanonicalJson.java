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

    /**
     * Canonical bytes of an object without one top-level member, plus the offset where that
     * member belongs, so it can be added later without writing the whole document again (the
     * artifact signer signs the bytes without {@code signatures}, then inserts them).
     */
    public record Spliceable(byte[] bytes, int insertAt, String key) {
        /** The canonical bytes of the object with {@code key} set to {@code value}. */
        public byte[] insert(JsonNode value) {
            byte[] member = CanonicalJson.bytes(Json.nodes().objectNode().set(key, value));
            int memberLength = member.length - 2; // strip the braces of {"key":value}
            boolean before = bytes[insertAt - 1] != '{';
            boolean after = bytes[insertAt] != '}';
            byte[] out = new byte[bytes.length + memberLength + (before || after ? 1 : 0)];
            System.arraycopy(bytes, 0, out, 0, insertAt);
            int p = insertAt;
            if (before) {
                out[p++] = ',';
            }
            System.arraycopy(member, 1, out, p, memberLength);
            p += memberLength;
            if (!before && after) {
                out[p++] = ',';
            }
            System.arraycopy(bytes, insertAt, out, p, bytes.length - insertAt);
            return out;
        }
    }

    public static Spliceable spliceable(JsonNode object, String key) {
        Sink sink = new Sink(null);
        sink.spliceKey = key;
        write(object, sink, Set.of(key));
        return new Spliceable(sink.toByteArray(), sink.spliceAt, key);
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
        String splice = out.spliceKey;
        out.spliceKey = null; // only the top level
        for (int i = 0; i < n; i++) {
            if (splice != null && out.spliceAt < 0 && CODE_POINT_ORDER.compare(splice, keys[i]) < 0) {
                out.spliceAt = out.count;
            }
            if (i > 0) {
                out.write(',');
            }
            writeString(keys[i], out);
            out.write(':');
            writeValue(node.get(keys[i]), out, Set.of());
        }
        if (splice != null && out.spliceAt < 0) {
            out.spliceAt = out.count;
        }
        out.write('}');
    }

    private static void writeNumber(JsonNode node, Sink out) {
        if (node.isInt() || node.isLong() || node.isShort()) {
            out.writeAscii(Long.toString(node.longValue()));
            return;
        }
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
        int len = s.length();
        // Worst case per char is the six-byte backslash-u00XX escape; reserve once, then write directly.
        out.ensure(len * 6L + 2);
        byte[] b = out.buf;
        int p = out.count;
        b[p++] = '"';
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[p++] = (byte) c;
                    continue;
                }
                b[p++] = '\\';
                switch (c) {
                    case '"' -> b[p++] = '"';
                    case '\\' -> b[p++] = '\\';
                    case '\n' -> b[p++] = 'n';
                    case '\r' -> b[p++] = 'r';
                    case '\t' -> b[p++] = 't';
                    case '\b' -> b[p++] = 'b';
                    case '\f' -> b[p++] = 'f';
                    default -> {
                        b[p++] = 'u';
                        b[p++] = '0';
                        b[p++] = '0';
                        b[p++] = HEX[c >> 4];
                        b[p++] = HEX[c & 0xF];
                    }
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= len || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new CanonicalJsonException("unpaired high surrogate at index " + i);
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isLowSurrogate(c)) {
                throw new CanonicalJsonException("unpaired low surrogate at index " + i);
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[p++] = '"';
        out.count = p;
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

    /** Canonical bytes of one object member, {@code "key":value} (what {@link CanonicalTemplate} joins). */
    static byte[] memberBytes(String key, JsonNode value) {
        if (value == null || value.isMissingNode()) {
            throw new CanonicalJsonException("missing value for member '" + key + "'");
        }
        Sink sink = new Sink(null);
        writeString(key, sink);
        sink.write(':');
        writeValue(value, sink, Set.of());
        return sink.toByteArray();
    }

    /** Converts a plain map/list tree to canonical bytes via Jackson; convenience for tests and callers. */
    public static byte[] bytesOf(Map<String, ?> value) {
        return bytes(Json.MAPPER.valueToTree(value));
    }

    /** Buffer that either collects bytes or feeds a digest in chunks. */
    private static final class Sink {
        /**
         * Digest mode hashes 10,000 small entries in a row: reuse one chunk buffer per thread. Kept
         * small because a server request runs on a fresh virtual thread, which allocates its own.
         */
        private static final ThreadLocal<byte[]> DIGEST_CHUNK = ThreadLocal.withInitial(() -> new byte[4 * 1024]);

        private final MessageDigest digest;
        byte[] buf;
        int count;
        String spliceKey;
        int spliceAt = -1;

        Sink(MessageDigest digest) {
            this.digest = digest;
            // Collecting mode mostly writes small documents (an atom's signing bytes, one chain
            // entry): a small start keeps per-call garbage low; large artifacts grow by doubling.
            this.buf = digest != null ? DIGEST_CHUNK.get() : new byte[512];
        }

        /** Makes room for {@code n} more bytes. */
        void ensure(long n) {
            if (count + n <= buf.length) {
                return;
            }
            if (digest != null) {
                digest.update(buf, 0, count);
                count = 0;
                if (n <= buf.length) {
                    return;
                }
            }
            long wanted = Math.max((long) buf.length * 2, count + n);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new CanonicalJsonException("canonical form exceeds 2 GB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }

        void write(int b) {
            if (count == buf.length) {
                ensure(1);
            }
            buf[count++] = (byte) b;
        }

        void writeAscii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[count++] = (byte) s.charAt(i);
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
