package dev.herald.platform.http;

import dev.herald.platform.domain.Invalid;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * What a client string may contain, checked once at the HTTP edge for every JSON body and every
 * query and path parameter: no U+0000 (PostgreSQL cannot store it in text) and no unpaired UTF-16
 * surrogate (JSON's escapes can spell a lone high surrogate, but it is not text: UTF-8 cannot encode it, canonical
 * JSON refuses it, and a database would store it changed). Such input is a 422 naming the field;
 * nothing is ever stored altered.
 */
public final class InputText {
    private InputText() {
    }

    /** Why {@code s} is not acceptable text, or null when it is. */
    public static String defect(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "must not contain U+0000 (NUL)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired UTF-16 surrogate (U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ")";
            }
        }
        return null;
    }

    /** {@code s} with NUL and unpaired surrogates replaced by U+FFFD, for echoing it safely. */
    public static String printable(String s) {
        if (s == null || defect(s) == null) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(c == 0 || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    /**
     * Whether {@code body} is well-formed UTF-8 (RFC 3629: shortest forms only, no encoded
     * surrogates, nothing above U+10FFFF), checked in place: the same answer as a reporting
     * {@code CharsetDecoder}, without decoding the body into a second buffer on every request.
     */
    static boolean isWellFormedUtf8(byte[] body) {
        int n = body.length;
        int i = 0;
        while (i < n) {
            int lead = body[i] & 0xff;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int trailing;
            int low = 0x80;
            int high = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                trailing = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                trailing = 2;
                low = lead == 0xE0 ? 0xA0 : low;   // shorter forms exist below U+0800
                high = lead == 0xED ? 0x9F : high; // U+D800..U+DFFF are surrogates, not text
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                trailing = 3;
                low = lead == 0xF0 ? 0x90 : low;   // shorter forms exist below U+10000
                high = lead == 0xF4 ? 0x8F : high; // nothing above U+10FFFF
            } else {
                return false;
            }
            if (i + trailing >= n) {
                return false;
            }
            int second = body[i + 1] & 0xff;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k <= trailing; k++) {
                int next = body[i + k] & 0xff;
                if (next < 0x80 || next > 0xBF) {
                    return false;
                }
            }
            i += trailing + 1;
        }
        return true;
    }

    /**
     * Checks every member name and string value of a JSON body that is well-formed UTF-8 (so no
     * surrogate arrives as bytes). Only a backslash-u escape can then produce such a character, so
     * bodies without one are not scanned.
     *
     * @throws Invalid naming the first offending field by its JSON path
     * @throws IOException when the body is not JSON (the caller reports that)
     */
    static void checkJson(ObjectMapper mapper, byte[] body) throws IOException {
        if (!mayHide(body)) {
            return;
        }
        try (JsonParser p = mapper.getFactory().createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING) {
                    String reason = defect(t == JsonToken.FIELD_NAME ? p.currentName() : p.getText());
                    if (reason != null) {
                        throw new Invalid(path(p.getParsingContext()),
                                t == JsonToken.FIELD_NAME ? "member name " + reason : reason);
                    }
                }
            }
        }
    }

    private static boolean mayHide(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\\' && i + 1 < body.length && body[i + 1] == 'u') {
                return true;
            }
        }
        return false;
    }

    /** A path like {@code items[2].name}; {@code body} for the document itself. */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                parts.push("." + printable(String.valueOf(c.getCurrentName())));
            } else if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String path = String.join("", parts);
        if (path.startsWith(".")) {
            path = path.substring(1);
        }
        return path.isEmpty() ? "body" : path;
    }

    /**
     * Refuses a request path whose percent-escapes are not {@code %} and two hex digits (Jetty
     * lets {@code %u002e} through, and the router's decoding of path parameters then fails).
     */
    public static void checkPath(Context ctx) {
        String path = ctx.path();
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
                throw new Problems.BadRequest("the request path has a malformed percent-escape");
            }
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Checks every query and path parameter of a matched request; a 422 names the parameter. */
    public static void checkParameters(Context ctx) {
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            check(e.getKey(), e.getKey());
            for (String v : e.getValue()) {
                check(e.getKey(), v);
            }
        }
        for (Map.Entry<String, String> e : ctx.pathParamMap().entrySet()) {
            check(e.getKey(), e.getValue());
        }
    }

    private static void check(String name, String value) {
        String reason = defect(value);
        if (reason == null && value.indexOf('\uFFFD') >= 0) {
            // Jetty decodes invalid UTF-8 percent-escapes to U+FFFD; the original value is lost.
            reason = "must be valid UTF-8 once percent-decoded";
        }
        if (reason != null) {
            throw new Invalid(printable(name), reason);
        }
    }
}
