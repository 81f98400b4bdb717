package dev.herald.ratify.crypto;

import dev.herald.ratify.internal.ByteKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Batch verification of pure Ed25519 signatures (RFC 8032, no context), several times cheaper
 * per signature than verifying one at a time when the batch shares a few public keys.
 *
 * <p>Each item is valid when all of these hold:
 * <ul>
 *   <li>the public key is 32 bytes and the signature 64 bytes (R || S);
 *   <li>S &lt; L (canonical scalar);
 *   <li>A and R are canonical encodings (y &lt; p) of points on the curve, and not x = 0 with
 *       the sign bit set;
 *   <li>A is not of small order (this includes the identity);
 *   <li>the cofactored equation of RFC 8032 section 5.1.7 holds:
 *       [8][S]B = [8]R + [8][k]A with k = SHA-512(R || A || M) mod L.
 * </ul>
 * The cofactored equation accepts every signature the cofactorless one accepts, plus those whose
 * R or A carries a small-order (torsion) component that [8] removes. BouncyCastle 1.82's
 * {@code Ed25519.verify} applies the same rules (cofactored equation, canonical encodings, small-order
 * keys refused), so both accept the same signatures; the tests check this item by item.
 *
 * <p>The batch check draws a random non-zero 128-bit z_i per item and tests
 * [8]([sum z_i S_i mod L]B - sum [z_i]R_i - sum over keys [sum z_i k_i mod L]A_j) = identity,
 * with the A terms grouped by distinct key. When it fails, the batch is bisected and each half
 * checked the same way until every invalid item is isolated; a group of one is exactly the
 * single-item cofactored check. The result for each item therefore equals the per-item result,
 * except with probability about 2^-128 per check (the coefficients must be unpredictable to
 * whoever made the signatures: use a real {@link SecureRandom}).
 *
 * <p>Thread-safe: batches may be verified concurrently on different threads. The instance keeps
 * a bounded cache of decoded public keys. Callers must not mutate the item arrays during a call.
 */
public final class Ed25519Batch {
    public static final int PUBLIC_KEY_SIZE = 32;
    public static final int SIGNATURE_SIZE = 64;

    /** Decoded keys kept across batches. */
    private static final int KEY_CACHE_SIZE = 256;
    /** A batch with at most this many distinct keys splits each key's scalar in two halves. */
    private static final int SPLIT_KEY_LIMIT = 4;
    /** Width of the w-NAF for the per-signature terms (z_i and R_i). */
    private static final int WIDTH = 5;
    private static final int R_POINTS = 1 << (WIDTH - 2);

    private final SecureRandom random;
    private final KeyTables keys = new KeyTables(KEY_CACHE_SIZE);

    public Ed25519Batch(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** One signature to check: a 32-byte public key, the signed message and a 64-byte signature. */
    public record Item(byte[] publicKey, byte[] message, byte[] signature) {
        public Item {
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** Verifies every item; {@code result[i]} says whether item i is valid. */
    public boolean[] verify(List<Item> items) {
        boolean[] valid = new boolean[items.size()];
        if (items.isEmpty()) {
            return valid;
        }
        MessageDigest sha512 = sha512();
        // Items name their key by its bytes; one Key object per distinct key within the batch.
        Map<ByteKey, KeyTables.Key> batchKeys = new LinkedHashMap<>();
        Map<KeyTables.Key, byte[]> distinct = new LinkedHashMap<>();
        List<Prepared> prepared = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Prepared p = prepare(i, items.get(i), sha512, batchKeys);
            if (p != null) {
                prepared.add(p);
                distinct.putIfAbsent(p.key, p.encodedKey);
            }
        }
        if (prepared.isEmpty()) {
            return valid;
        }
        Map<KeyTables.Key, KeyTables.Key> split = splitKeys(distinct);
        byte[] zs = new byte[16 * prepared.size()];
        random.nextBytes(zs);
        Prepared[] group = new Prepared[prepared.size()];
        for (int j = 0; j < group.length; j++) {
            Prepared p = prepared.get(j);
            p.key = split.getOrDefault(p.key, p.key);
            BigInteger z = Scalars.fromLittleEndian(zs, 16 * j, 16);
            p.z = z.signum() == 0 ? BigInteger.ONE : z;
            p.zDigits = Scalars.wnaf(p.z, WIDTH);
            group[j] = p;
        }
        if (holds(group, 0, group.length)) {
            markValid(group, 0, group.length, valid);
        } else {
            isolate(group, 0, group.length, valid);
        }
        return valid;
    }

    /** The item decoded and hashed, or null when it fails a structural check. */
    private Prepared prepare(int index, Item item, MessageDigest sha512,
            Map<ByteKey, KeyTables.Key> batchKeys) {
        byte[] pk = item.publicKey();
        byte[] sig = item.signature();
        if (pk.length != PUBLIC_KEY_SIZE || sig.length != SIGNATURE_SIZE) {
            return null;
        }
        BigInteger s = Scalars.fromLittleEndian(sig, 32, 32);
        if (s.compareTo(Scalars.L) >= 0) {
            return null;
        }
        EdwardsPoint r = new EdwardsPoint();
        if (!r.setEncoded(sig, 0)) {
            return null;
        }
        KeyTables.Key key = batchKeys.get(new ByteKey(pk));
        if (key == null) {
            key = keys.lookup(pk);
            if (key == null) {
                return null;
            }
            batchKeys.put(new ByteKey(pk), key);
        }
        sha512.update(sig, 0, 32);
        sha512.update(pk);
        sha512.update(item.message());
        BigInteger k = Scalars.fromLittleEndian(sha512.digest(), 0, 64).mod(Scalars.L);
        return new Prepared(index, pk, key, s, k, r.oddMultiples(R_POINTS));
    }

    /** For few distinct keys, each key with its [2^128]A table (cached after the first time). */
    private Map<KeyTables.Key, KeyTables.Key> splitKeys(Map<KeyTables.Key, byte[]> distinct) {
        Map<KeyTables.Key, KeyTables.Key> upgraded = new IdentityHashMap<>();
        if (distinct.size() <= SPLIT_KEY_LIMIT) {
            distinct.forEach((key, encoding) -> upgraded.put(key, keys.withHigh(encoding, key)));
        }
        return upgraded;
    }

    /**
     * Called on a group whose equation failed: finds its invalid items by bisection. A half that
     * holds is valid; when the first half holds, the second must contain the failure.
     */
    private static void isolate(Prepared[] group, int from, int to, boolean[] valid) {
        if (to - from == 1) {
            return;
        }
        int mid = (from + to) >>> 1;
        boolean firstHolds = holds(group, from, mid);
        if (firstHolds) {
            markValid(group, from, mid, valid);
        } else {
            isolate(group, from, mid, valid);
        }
        if (!firstHolds && holds(group, mid, to)) {
            markValid(group, mid, to, valid);
        } else {
            isolate(group, mid, to, valid);
        }
    }

    private static void markValid(Prepared[] group, int from, int to, boolean[] valid) {
        for (int j = from; j < to; j++) {
            valid[group[j].index] = true;
        }
    }

    /** The batch equation over group[from, to). */
    private static boolean holds(Prepared[] group, int from, int to) {
        BigInteger sumS = BigInteger.ZERO;
        Map<KeyTables.Key, BigInteger> sumK = new IdentityHashMap<>();
        List<Straus.Term> terms = new ArrayList<>(to - from + 8);
        for (int j = from; j < to; j++) {
            Prepared p = group[j];
            sumS = sumS.add(p.z.multiply(p.s));
            sumK.merge(p.key, p.z.multiply(p.k), BigInteger::add);
            terms.add(new Straus.Term(p.rTable, p.zDigits, true));
        }
        BigInteger s = sumS.mod(Scalars.L);
        terms.add(new Straus.Term(BasePoint.LOW, Scalars.wnaf(Scalars.low(s), BasePoint.WIDTH), false));
        terms.add(new Straus.Term(BasePoint.HIGH, Scalars.wnaf(Scalars.high(s), BasePoint.WIDTH), false));
        sumK.forEach((key, sum) -> {
            BigInteger t = sum.mod(Scalars.L);
            if (key.high() != null) {
                terms.add(new Straus.Term(key.low(), Scalars.wnaf(Scalars.low(t), KeyTables.WIDTH), true));
                terms.add(new Straus.Term(key.high(), Scalars.wnaf(Scalars.high(t), KeyTables.WIDTH), true));
            } else {
                terms.add(new Straus.Term(key.low(), Scalars.wnaf(t, KeyTables.WIDTH), true));
            }
        });
        return Straus.timesEightIsIdentity(terms);
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is a required JDK algorithm", e);
        }
    }

    /** One structurally valid item: its decoded parts, and its coefficient once drawn. */
    private static final class Prepared {
        final int index;
        final byte[] encodedKey;
        final BigInteger s;
        final BigInteger k;
        final EdwardsPoint.Cached[] rTable;
        KeyTables.Key key;
        BigInteger z;
        byte[] zDigits;

        Prepared(int index, byte[] encodedKey, KeyTables.Key key, BigInteger s, BigInteger k,
                EdwardsPoint.Cached[] rTable) {
            this.index = index;
            this.encodedKey = encodedKey;
            this.key = key;
            this.s = s;
            this.k = k;
            this.rTable = rTable;
        }
    }
}
