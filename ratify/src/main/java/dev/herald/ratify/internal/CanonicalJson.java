package dev.herald.ratify.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON (SPEC 6): RFC 8785 shape with keys sorted by code point (equal to UTF-8 byte
 * order), no whitespace, no HTML escaping, minimal escapes, U+2028/U+2029 escaped as Go does,
 * byte arrays as padded standard base64. Accepted values: null, Boolean, String, Integer, Long,
 * Double (finite), byte[], {@link Raw} (pre-encoded canonical JSON), Collection and Map with
 * String keys.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    /** Already-canonical JSON bytes spliced in verbatim. */
    public record Raw(byte[] json) {}

    public static byte[] encode(Object value) {
        Out out = new Out(1024);
        write(out, value);
        return out.toByteArray();
    }

    /** UTF-8 byte-order comparison of map keys (code point order). */
    public static int compareKeys(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Unsynchronized growable buffer; ByteArrayOutputStream locks on every single byte. */
    private static final class Out {
        private byte[] buf;
        private int len;

        Out(int size) {
            buf = new byte[size];
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        void write(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        void write(byte[] b, int off, int n) {
            ensure(n);
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        void ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }

        void base64(byte[] data) {
            byte[] enc = Base64.getEncoder().encode(data);
            write(enc, 0, enc.length);
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, len);
        }
    }

    private static void write(Out out, Object v) {
        if (v == null) {
            out.ascii("null");
        } else if (v instanceof String s) {
            writeString(out, s);
        } else if (v instanceof Boolean b) {
            out.ascii(b ? "true" : "false");
        } else if (v instanceof Integer || v instanceof Long) {
            out.ascii(Long.toString(((Number) v).longValue()));
        } else if (v instanceof Double d) {
            out.ascii(formatDouble(d));
        } else if (v instanceof byte[] bytes) {
            out.write('"');
            out.base64(bytes);
            out.write('"');
        } else if (v instanceof Raw raw) {
            out.write(raw.json(), 0, raw.json().length);
        } else if (v instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>(map.size());
            for (Object k : map.keySet()) {
                keys.add((String) k);
            }
            keys.sort(CanonicalJson::compareKeys);
            out.write('{');
            boolean first = true;
            for (String k : keys) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                writeString(out, k);
                out.write(':');
                write(out, map.get(k));
            }
            out.write('}');
        } else if (v instanceof Collection<?> c) {
            out.write('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                write(out, o);
            }
            out.write(']');
        } else {
            throw new IllegalArgumentException("not canonicalizable: " + v.getClass().getName());
        }
    }

    /**
     * Shortest round-trip decimal, plain notation in [1e-6, 1e21) as Go's encoding/json prints
     * float64, exponent notation outside that range with an unpadded exponent ({@code 1e-7},
     * {@code 1e+21}): RFC 8785's number form, which Go's encoder also produces.
     */
    public static String formatDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("NaN and Infinity have no JSON form");
        }
        if (d == 0) {
            return "0";
        }
        double abs = Math.abs(d);
        BigDecimal bd = shortest(d).stripTrailingZeros();
        if (abs >= 1e-6 && abs < 1e21) {
            return bd.toPlainString();
        }
        // Mantissa digits, 'e', sign, exponent without leading zeros (Go trims "e-07" to "e-7").
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale();
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
        return sb.toString();
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code d}, the closest to
     * {@code d} among those (as Go's strconv picks). Not {@link Double#toString}: it prints at least
     * two digits and may then pick another value ({@code 4.9E-324} for {@code 5e-324}).
     */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal down = exact.round(new MathContext(digits, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(digits, RoundingMode.CEILING));
            boolean downReads = down.doubleValue() == d;
            boolean upReads = up.doubleValue() == d;
            if (downReads && upReads) {
                return exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            }
            if (downReads || upReads) {
                return downReads ? down : up;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void writeString(Out out, String s) {
        out.write('"');
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String esc = null;
            if (c < 0x20 || c == '"' || c == '\\' || c == '\u2028' || c == '\u2029') {
                esc = switch (c) {
                    case '"' -> "\\\"";
                    case '\\' -> "\\\\";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> "\\u" + HEX[(c >> 12) & 0xf] + HEX[(c >> 8) & 0xf] + HEX[(c >> 4) & 0xf]
                            + HEX[c & 0xf];
                };
            } else if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1));
                if (!paired) {
                    throw new IllegalArgumentException("lone surrogate in string at index " + i);
                }
                i++;
                continue;
            }
            if (esc != null) {
                flush(out, s, start, i);
                out.ascii(esc);
                start = i + 1;
            }
        }
        flush(out, s, start, n);
        out.write('"');
    }

    private static void flush(Out out, String s, int from, int to) {
        if (from >= to) {
            return;
        }
        byte[] b = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }
}
