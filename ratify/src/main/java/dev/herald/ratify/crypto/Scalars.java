package dev.herald.ratify.crypto;

import java.math.BigInteger;

/** Scalars modulo the group order L, and their signed-digit (width-w NAF) recoding. */
final class Scalars {
    private Scalars() {}

    /** L = 2^252 + 27742317777372353535851937790883648493, the order of the base point. */
    static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    /**
     * How verification splits a scalar below 2^256 into parts, each multiplied by its own table
     * of [2^(partBits i)]P, so that all parts share {@code partBits} doublings.
     */
    enum Split {
        /** Four 64-bit parts: 64 doublings, with four tables per point. */
        QUARTERS(4, 64),
        /** Eight 32-bit parts: 32 doublings, with eight tables per point. */
        EIGHTHS(8, 32);

        final int parts;
        final int partBits;

        Split(int parts, int partBits) {
            this.parts = parts;
            this.partBits = partBits;
        }

        /** Part {@code i} of the scalar held in {@code words} (see {@link #words}), as an unsigned long. */
        long part(long[] words, int i) {
            int bit = partBits * i;
            long v = words[bit >>> 6] >>> (bit & 63);
            return partBits == 64 ? v : v & ((1L << partBits) - 1);
        }
    }

    /** The unsigned little-endian integer in {@code bytes[off, off + len)}. */
    static BigInteger fromLittleEndian(byte[] bytes, int off, int len) {
        byte[] be = new byte[len];
        for (int i = 0; i < len; i++) {
            be[i] = bytes[off + len - 1 - i];
        }
        return new BigInteger(1, be);
    }

    /** The four little-endian 64-bit words of a non-negative {@code k} below 2^256. */
    static long[] words(BigInteger k) {
        long[] words = new long[4];
        for (int j = 0; j < 4; j++) {
            words[j] = k.shiftRight(64 * j).longValue();
        }
        return words;
    }

    /**
     * Width-w NAF of a non-negative {@code k}: digits d[i] in {0, +-1, +-3, ..., +-(2^(w-1) - 1)}
     * with k = sum d[i] 2^i, and at most one non-zero digit in any w consecutive positions.
     * The array has one more position than k has bits (the last carry).
     */
    static byte[] wnaf(BigInteger k, int w) {
        int bits = k.bitLength();
        return wnaf(words(k, bits), bits, w);
    }

    /** {@link #wnaf(BigInteger, int)} of {@code unsigned} read as an unsigned 64-bit integer. */
    static byte[] wnaf(long unsigned, int w) {
        return wnaf(new long[] {unsigned, 0}, 64 - Long.numberOfLeadingZeros(unsigned), w);
    }

    private static byte[] wnaf(long[] words, int bits, int w) {
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
