package dev.herald.ratify.crypto;

import dev.herald.ratify.crypto.Ed25519s;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

/** Keys, signatures and hand-made points for the Ed25519 tests. */
final class EdTestKit {
    private EdTestKit() {}

    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static SecureRandom seeded(long seed) {
        return dev.herald.ratify.TestKit.random(seed);
    }

    static byte[] seed(Random random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return seed;
    }

    static Ed25519Batch.Item signed(byte[] seed, byte[] message) {
        return new Ed25519Batch.Item(Ed25519s.publicKey(seed), message, Ed25519s.sign(seed, message));
    }

    /** The secret scalar a of an RFC 8032 seed (the clamped first half of SHA-512(seed)). */
    static BigInteger secretScalar(byte[] seed) {
        byte[] h = sha512(seed);
        h[0] &= (byte) 248;
        h[31] &= 127;
        h[31] |= 64;
        return Scalars.fromLittleEndian(h, 0, 32);
    }

    static byte[] sha512(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-512");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static BigInteger challenge(byte[] r, byte[] a, byte[] message) {
        return Scalars.fromLittleEndian(sha512(r, a, message), 0, 64).mod(Scalars.L);
    }

    /** R || S with S = r + k a mod L: a signature by the secret scalar a with the given R. */
    static byte[] signWithR(byte[] rEncoded, BigInteger r, byte[] pk, BigInteger a, byte[] message) {
        BigInteger s = r.add(challenge(rEncoded, pk, message).multiply(a)).mod(Scalars.L);
        return concat(rEncoded, littleEndian(s, 32));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] littleEndian(BigInteger v, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = v.shiftRight(8 * i).byteValue();
        }
        return out;
    }

    static EdwardsPoint decoded(byte[] encoding) {
        EdwardsPoint p = new EdwardsPoint();
        if (!p.setEncoded(encoding, 0)) {
            throw new IllegalArgumentException("not a point");
        }
        return p;
    }

    static EdwardsPoint base() {
        byte[] b = new byte[32];
        b[0] = 0x58;
        for (int i = 1; i < 32; i++) {
            b[i] = 0x66;
        }
        return decoded(b);
    }

    /** [k]P by plain double-and-add, independent of the Straus code. */
    static EdwardsPoint times(BigInteger k, EdwardsPoint p) {
        EdwardsPoint.Cached q = p.cached();
        EdwardsPoint acc = new EdwardsPoint();
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            acc.twice(true);
            if (k.testBit(i)) {
                acc.addCached(q, false, true);
            }
        }
        return acc;
    }

    static EdwardsPoint sum(EdwardsPoint p, EdwardsPoint q) {
        EdwardsPoint r = new EdwardsPoint();
        r.set(p);
        r.addCached(q.cached(), false, true);
        return r;
    }

    /** A point of order exactly 8: [L]P for the first point P of small y whose [L]P has order 8. */
    static EdwardsPoint orderEight() {
        for (int y = 2; y < 1000; y++) {
            byte[] enc = littleEndian(BigInteger.valueOf(y), 32);
            EdwardsPoint p = new EdwardsPoint();
            if (!p.setEncoded(enc, 0)) {
                continue;
            }
            EdwardsPoint t = times(Scalars.L, p);
            EdwardsPoint four = times(BigInteger.valueOf(4), t);
            if (!four.isIdentity()) {
                return t;
            }
        }
        throw new IllegalStateException("no point of order 8 found");
    }
}
