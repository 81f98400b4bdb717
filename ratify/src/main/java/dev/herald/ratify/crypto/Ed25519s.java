package dev.herald.ratify.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 (RFC 8032): keys and signatures through BouncyCastle's low-level code, verification
 * through Herald's own code so that its rule is the one the Ratify Go reference applies.
 *
 * <p>A signature (R, S) by public key A over M verifies when all of these hold:
 * <ul>
 *   <li>A is 32 bytes and the signature 64;
 *   <li>S &lt; L (canonical scalar);
 *   <li>A is a canonical encoding (y &lt; p, and not x = 0 with the sign bit set) of a point on
 *       the curve, and A is not of small order (the identity included);
 *   <li>the cofactorless equation holds, compared on encodings: the encoding of
 *       [S]B - [k]A, with k = SHA-512(R || A || M) mod L, equals the 32 bytes of R.
 * </ul>
 * The last rule is Go's {@code crypto/ed25519}; comparing encodings rejects a non-canonical R
 * without decoding it. Go accepts small-order keys and non-canonical key encodings; Herald
 * refuses both (no honest key is either, and a small-order key lets anyone "sign" for it), so
 * Herald never accepts a signature Go rejects and rejects only such crafted ones that Go accepts.
 * The cofactored equation of RFC 8032 section 5.1.7 (BouncyCastle's {@code Ed25519.verify})
 * would also accept signatures whose R carries a small-order component, which Go rejects.
 */
public final class Ed25519s {
    private Ed25519s() {}

    public static final int PUBLIC_KEY_SIZE = 32;
    public static final int SIGNATURE_SIZE = 64;

    private static final int KEY_CACHE_SIZE = 256;
    // Decoding a key is a square root and its tables about 220 point operations; verifiers see
    // the same few keys over and over.
    private static final KeyTables KEYS = new KeyTables(KEY_CACHE_SIZE);

    static {
        Ed25519.precompute();
    }

    public static byte[] publicKey(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
        }
        byte[] pk = new byte[PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, pk, 0);
        return pk;
    }

    public static byte[] sign(byte[] seed, byte[] msg) {
        byte[] sig = new byte[SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, msg, 0, msg.length, sig, 0);
        return sig;
    }

    /**
     * True when {@code pub} is a key Herald verifies signatures under: 32 bytes, the canonical
     * encoding of a curve point, not of small order. Registries refuse other keys up front.
     */
    public static boolean isValidPublicKey(byte[] pub) {
        return pub.length == PUBLIC_KEY_SIZE && KEYS.lookup(pub) != null;
    }

    /** Verifies {@code sig} over {@code msg} by {@code pub} under the rules above. */
    public static boolean verify(byte[] pub, byte[] msg, byte[] sig) {
        return verify(pub, msg, sig, null);
    }

    /**
     * {@link #verify(byte[], byte[], byte[])} with the scalars split as {@code forced} says, or as
     * the key's use so far says when null. The answer never depends on the split; tests pin that.
     */
    static boolean verify(byte[] pub, byte[] msg, byte[] sig, Scalars.Split forced) {
        if (pub.length != PUBLIC_KEY_SIZE || sig.length != SIGNATURE_SIZE) {
            return false;
        }
        BigInteger s = Scalars.fromLittleEndian(sig, 32, 32);
        if (s.compareTo(Scalars.L) >= 0) {
            return false;
        }
        KeyTables.Key key = KEYS.lookup(pub);
        if (key == null) {
            return false;
        }
        Scalars.Split split = forced != null ? forced : key.split();
        EdwardsPoint.Cached[][] keyTables = key.tables(split);
        MessageDigest sha512 = sha512();
        sha512.update(sig, 0, 32);
        sha512.update(pub);
        sha512.update(msg);
        BigInteger k = Scalars.fromLittleEndian(sha512.digest(), 0, 64).mod(Scalars.L);
        long[] sWords = Scalars.words(s);
        long[] kWords = Scalars.words(k);
        EdwardsPoint.Cached[][] baseTables = BasePoint.tables(split);
        int keyWidth = KeyTables.Key.width(split);
        List<Straus.Term> terms = new ArrayList<>(2 * split.parts);
        for (int part = 0; part < split.parts; part++) {
            terms.add(new Straus.Term(baseTables[part], Scalars.wnaf(split.part(sWords, part), BasePoint.WIDTH), false));
            terms.add(new Straus.Term(keyTables[part], Scalars.wnaf(split.part(kWords, part), keyWidth), true));
        }
        EdwardsPoint r = Straus.sum(terms);
        return MessageDigest.isEqual(r.encoded(), Arrays.copyOf(sig, 32));
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is a required JDK algorithm", e);
        }
    }

    /** Verification through the JDK provider; used by benchmarks and interop tests only. */
    public static boolean verifyJdk(byte[] pub, byte[] msg, byte[] sig) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(jdkPublicKey(pub));
            s.update(msg);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public static PublicKey jdkPublicKey(byte[] pub) throws GeneralSecurityException {
        // RFC 8032 encoding: little-endian y with the x parity in the top bit.
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = pub[31 - i];
        }
        boolean xOdd = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
    }
}
