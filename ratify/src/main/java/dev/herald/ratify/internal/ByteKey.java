package dev.herald.ratify.internal;

import java.util.Arrays;

/** A map key over a byte array the caller promises not to mutate. */
public record ByteKey(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
