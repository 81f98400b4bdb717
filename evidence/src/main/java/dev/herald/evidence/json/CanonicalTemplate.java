package dev.herald.evidence.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canonical form of an object whose top-level members are known except a few ("holes"),
 * serialized once so that filling the holes later only writes the holes. A chain entry is the
 * use: everything but its position is prepared before the chain is locked, and under the lock only
 * the sequence, time and previous hash are written. {@link #fill} gives exactly the bytes
 * {@link CanonicalJson#bytes} gives for the object with the holes set. Immutable and thread-safe.
 */
public final class CanonicalTemplate {
    /** Member bytes ({@code byte[]}) and hole names ({@code String}), in canonical key order. */
    private final List<Object> parts;
    private final Set<String> holes;
    private final int fixedLength;

    private CanonicalTemplate(List<Object> parts, Set<String> holes, int fixedLength) {
        this.parts = parts;
        this.holes = holes;
        this.fixedLength = fixedLength;
    }

    /**
     * A template of {@code object} with {@code holes} to fill; members of {@code object} named like
     * a hole are left out (the fill decides them).
     */
    public static CanonicalTemplate of(ObjectNode object, Set<String> holes) {
        List<String> keys = new ArrayList<>(holes);
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!holes.contains(key)) {
                keys.add(key);
            }
        }
        String[] sorted = keys.toArray(String[]::new);
        Arrays.sort(sorted, CanonicalJson.CODE_POINT_ORDER);
        List<Object> parts = new ArrayList<>(sorted.length);
        int fixed = 0;
        for (String key : sorted) {
            if (holes.contains(key)) {
                parts.add(key);
            } else {
                byte[] member = CanonicalJson.memberBytes(key, object.get(key));
                fixed += member.length;
                parts.add(member);
            }
        }
        return new CanonicalTemplate(List.copyOf(parts), Set.copyOf(holes), fixed);
    }

    /** The canonical bytes with every hole set from {@code values} (which must name exactly the holes). */
    public byte[] fill(Map<String, ? extends JsonNode> values) {
        if (!values.keySet().equals(holes)) {
            throw new CanonicalJsonException("template holes " + holes + " filled with " + values.keySet());
        }
        List<byte[]> members = new ArrayList<>(parts.size());
        int length = fixedLength + 2 + Math.max(0, parts.size() - 1);
        for (Object part : parts) {
            byte[] member = part instanceof String hole ? CanonicalJson.memberBytes(hole, values.get(hole)) : (byte[]) part;
            if (part instanceof String) {
                length += member.length;
            }
            members.add(member);
        }
        byte[] out = new byte[length];
        int p = 0;
        out[p++] = '{';
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out[p++] = ',';
            }
            byte[] m = members.get(i);
            System.arraycopy(m, 0, out, p, m.length);
            p += m.length;
        }
        out[p] = '}';
        return out;
    }
}
