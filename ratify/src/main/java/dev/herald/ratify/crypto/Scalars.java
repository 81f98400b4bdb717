package dev.herald.ratify.crypto;

import java.math.BigInteger;

/** Scalars modulo the group order L, and their signed-digit (width-w NAF) recoding. */
final class Scalars {
    private Scalars() {}

    /** L = 2^252 + 27742317777372353535851937790883648493, the order of the base point. */
    static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    /** Verification splits each scalar (below 2^253) into this many parts of {@link #PART_BITS} bits. */
    static final int PARTS = 4;
    static final int PART_BITS = 64;
    private static final BigInteger PART_MASK = BigInteger.ONE.shiftLeft(PART_BITS).subtract(BigInteger.ONE);

    /** The unsigned little-endian integer in {@code bytes[off, off + len)}. */
    static BigInteger fromLittleEndian(byte[] bytes, int off, int len) {
        byte[] be = new byte[len];
        for (int i = 0; i < len; i++) {
            be[i] = bytes[off + len - 1 - i];
        }
        return new BigInteger(1, be);
    }

    /** Bits {@code [64 i, 64 i + 64)} of {@code s}. */
    static BigInteger part(BigInteger s, int i) {
        return s.shiftRight(PART_BITS * i).and(PART_MASK);
    }

    /**
     * Width-w NAF of a non-negative {@code k}: digits d[i] in {0, +-1, +-3, ..., +-(2^(w-1) - 1)}
     * with k = sum d[i] 2^i, and at most one non-zero digit in any w consecutive positions.
     * The array has one more position than k has bits (the last carry).
     */
    static byte[] wnaf(BigInteger k, int w) {
        int bits = k.bitLength();
        long[] words = words(k, bits);
        byte[] digits = new byte[bits + 1];
        int full = 1 << w;
        int half = full >>> 1;
        int carry = 0;
        int i = 0;
        while (i <= bits) {
            int bit = bitAt(words, i);
            if (bit == carry) {
                // bit + carry is even: digit 0, and the carry passes on unchanged.
                i++;
                continue;
            }
            int window = (windowAt(words, i, w) + carry) & (full - 1);
            int digit = window < half ? window : window - full;
            carry = window < half ? 0 : 1;
            digits[i] = (byte) digit;
            i += w;
        }
        return digits;
    }

    private static long[] words(BigInteger k, int bits) {
        long[] words = new long[(bits >>> 6) + 2];
        for (int j = 0; j < words.length - 1; j++) {
            words[j] = k.shiftRight(64 * j).longValue();
        }
        return words;
    }

    private static int bitAt(long[] words, int i) {
        return (int) (words[i >>> 6] >>> (i & 63)) & 1;
    }

    private static int windowAt(long[] words, int i, int w) {
        int word = i >>> 6;
        int shift = i & 63;
        long v = words[word] >>> shift;
        if (shift + w > 64 && word + 1 < words.length) {
            v |= words[word + 1] << (64 - shift);
        }
        return (int) v & ((1 << w) - 1);
    }
}
