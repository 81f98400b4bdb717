package dev.herald.ratify;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable byte string. Records holding a raw {@code byte[]} compare by identity; this type
 * compares by content and never exposes its backing array.
 */
public final class Bytes {
    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Copies {@code data}. */
    public static Bytes of(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** Takes ownership of {@code data} without copying; internal fast path. */
    static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    public static Bytes empty() {
        return EMPTY;
    }

    public static Bytes fromHex(String hex) {
        return new Bytes(HexFormat.of().parseHex(hex));
    }

    public static Bytes fromBase64(String b64) {
        return new Bytes(Base64.getDecoder().decode(b64));
    }

    public int length() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    public byte[] toArray() {
        return data.clone();
    }

    /** Read-only view for internal hot paths; callers must not mutate the result. */
    byte[] unsafeArray() {
        return data;
    }

    public String toHex() {
        return HexFormat.of().formatHex(data);
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(data);
    }

    /** Constant-time comparison, for MACs and hashes. */
    public boolean constantTimeEquals(Bytes other) {
        return MessageDigest.isEqual(data, other.data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return data.length <= 48 ? "Bytes[" + toHex() + "]" : "Bytes[" + data.length + " bytes]";
    }
}
