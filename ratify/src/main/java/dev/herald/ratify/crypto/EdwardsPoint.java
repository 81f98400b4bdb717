package dev.herald.ratify.crypto;

import static org.bouncycastle.math.ec.rfc7748.X25519Field.add;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.apm;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.areEqualVar;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.carry;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.copy;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.create;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.decode;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.encode;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.invVar;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.isZeroVar;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.mul;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.negate;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.normalize;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.one;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.sqr;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.sqrtRatioVar;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.sub;
import static org.bouncycastle.math.ec.rfc7748.X25519Field.zero;

import java.math.BigInteger;

/**
 * A mutable point of edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2) in extended coordinates
 * (X:Y:Z:T) with x = X/Z, y = Y/Z, x*y = T/Z, plus the formulas of Hisil, Wong, Carter and
 * Dawson (2008) for a = -1. Both formulas are complete on this curve (d is not a square), so
 * they also hold for the identity and for small-order points.
 *
 * <p>Points are added from a {@link Cached} form (Y-X, Y+X, 2dT, 2Z), so the inner loop of a
 * multi-scalar multiplication allocates nothing. Field elements are BouncyCastle {@code X25519Field} limbs; every input of a
 * multiplication is either a product or the sum/difference of two products, the bound that
 * field's multiplication tolerates; longer sums are carried first.
 *
 * <p>Not thread-safe: each instance carries its own scratch space.
 */
final class EdwardsPoint {
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger D_VALUE = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final int[] D = field(D_VALUE);
    private static final int[] D2 = field(D_VALUE.shiftLeft(1).mod(P));

    final int[] x = create();
    final int[] y = create();
    final int[] z = create();
    final int[] t = create();
    private final int[] s0 = create();
    private final int[] s1 = create();
    private final int[] s2 = create();
    private final int[] s3 = create();

    EdwardsPoint() {
        setIdentity();
    }

    void setIdentity() {
        zero(x);
        one(y);
        one(z);
        zero(t);
    }

    /** Sets this point to the affine (x, y). */
    void setAffine(int[] ax, int[] ay) {
        copy(ax, 0, x, 0);
        copy(ay, 0, y, 0);
        one(z);
        mul(x, y, t);
    }

    void set(EdwardsPoint p) {
        copy(p.x, 0, x, 0);
        copy(p.y, 0, y, 0);
        copy(p.z, 0, z, 0);
        copy(p.t, 0, t, 0);
    }

    /**
     * Decodes a 32-byte RFC 8032 point encoding (section 5.1.3) at {@code off}. Returns false,
     * leaving this point unspecified, for a non-canonical y (y >= p), a y with no x on the curve,
     * and x = 0 with the sign bit set.
     */
    boolean setEncoded(byte[] in, int off) {
        if (!isCanonicalY(in, off)) {
            return false;
        }
        int sign = (in[off + 31] & 0x80) >>> 7;
        decode(in, off, y); // masks the sign bit
        // x^2 = (y^2 - 1) / (d y^2 + 1)
        sqr(y, s0);
        mul(s0, D, s1);
        s0[0] -= 1;
        s1[0] += 1;
        if (!sqrtRatioVar(s0, s1, x)) {
            return false;
        }
        normalize(x);
        if (isZeroVar(x) && sign == 1) {
            return false;
        }
        if ((x[0] & 1) != sign) {
            negate(x, x);
            normalize(x);
        }
        one(z);
        mul(x, y, t);
        return true;
    }

    /** True unless the little-endian 255-bit y at {@code off} is in [p, 2^255). */
    private static boolean isCanonicalY(byte[] in, int off) {
        if ((in[off + 31] & 0x7f) != 0x7f) {
            return true;
        }
        for (int i = 30; i >= 1; i--) {
            if (in[off + i] != (byte) 0xff) {
                return true;
            }
        }
        return (in[off] & 0xff) < 0xed;
    }

    /** RFC 8032 encoding; needs an inversion, so it is for set-up and tests, not hot paths. */
    byte[] encoded() {
        int[] zInv = create();
        int[] ax = create();
        int[] ay = create();
        invVar(z, zInv);
        mul(x, zInv, ax);
        mul(y, zInv, ay);
        normalize(ax);
        normalize(ay);
        byte[] out = new byte[32];
        encode(ay, out, 0);
        out[31] |= (byte) ((ax[0] & 1) << 7);
        return out;
    }

    /**
     * this = 2 * this. T is computed only when {@code withT}: a following doubling does not read
     * it, an addition does.
     */
    void twice(boolean withT) {
        sqr(x, s0);          // X^2
        sqr(y, s1);          // Y^2
        sqr(z, s2);
        add(s2, s2, s2);     // 2Z^2
        add(x, y, s3);
        sqr(s3, s3);         // (X+Y)^2
        apm(s0, s1, s0, s1); // s0 = X^2 + Y^2, s1 = X^2 - Y^2
        sub(s0, s3, s3);     // -2XY
        carry(s3);
        add(s2, s1, s2);     // 2Z^2 - (Y^2 - X^2)
        carry(s2);
        mul(s3, s2, x);
        mul(s1, s0, y);
        mul(s2, s1, z);
        if (withT) {
            mul(s3, s0, t);
        }
    }

    /**
     * this = this + q, or this - q when {@code subtract}. T is computed only when {@code withT}.
     */
    void addCached(Cached q, boolean subtract, boolean withT) {
        apm(y, x, s0, s1);                        // s0 = Y1+X1, s1 = Y1-X1
        mul(s1, subtract ? q.ypx : q.ymx, s1);    // A
        mul(s0, subtract ? q.ymx : q.ypx, s0);    // B
        mul(t, q.t2d, s2);                        // C (to be negated when subtracting)
        mul(z, q.z2, s3);                         // D
        apm(s0, s1, s0, s1);                      // s0 = H = B+A, s1 = E = B-A
        apm(s3, s2, s3, s2);                      // s3 = D+C, s2 = D-C
        int[] f = subtract ? s3 : s2;
        int[] g = subtract ? s2 : s3;
        mul(s1, f, x);
        mul(g, s0, y);
        mul(f, g, z);
        if (withT) {
            mul(s1, s0, t);
        }
    }

    /** This point's cached form. Needs a valid T. */
    Cached cached() {
        Cached c = new Cached(create(), create(), create(), create());
        sub(y, x, c.ymx);
        add(y, x, c.ypx);
        mul(t, D2, c.t2d);
        add(z, z, c.z2);
        return c;
    }

    /**
     * The cached forms of P, 3P, 5P, ..., (2n-1)P for P = this; signed-digit multiplication
     * reads odd multiples only. Needs a valid T; this point is unchanged.
     */
    Cached[] oddMultiples(int n) {
        Cached[] table = new Cached[n];
        table[0] = cached();
        if (n == 1) {
            return table;
        }
        EdwardsPoint twoP = new EdwardsPoint();
        twoP.set(this);
        twoP.twice(true);
        Cached step = twoP.cached();
        EdwardsPoint acc = new EdwardsPoint();
        acc.set(this);
        for (int i = 1; i < n; i++) {
            acc.addCached(step, false, true);
            table[i] = acc.cached();
        }
        return table;
    }

    /**
     * For a scalar split into {@code parts} parts of {@code partBits} bits: table i holds the
     * first {@code points} odd multiples of [2^(partBits i)]P for P = this, so a multiplication
     * needs only {@code partBits} shared doublings. Needs a valid T; this point is unchanged.
     */
    Cached[][] partTables(int parts, int partBits, int points) {
        EdwardsPoint p = new EdwardsPoint();
        p.set(this);
        Cached[][] tables = new Cached[parts][];
        for (int part = 0; part < parts; part++) {
            if (part > 0) {
                for (int i = 0; i < partBits; i++) {
                    p.twice(i == partBits - 1);
                }
            }
            tables[part] = p.oddMultiples(points);
        }
        return tables;
    }

    /** True when this point is the identity. Normalizes the coordinates in place. */
    boolean isIdentity() {
        normalize(x);
        normalize(y);
        normalize(z);
        return isZeroVar(x) && areEqualVar(y, z);
    }

    /** True when [8]this is the identity, i.e. this point lies in the torsion subgroup. */
    boolean hasSmallOrder() {
        EdwardsPoint p = new EdwardsPoint();
        p.set(this);
        p.twice(false);
        p.twice(false);
        p.twice(false);
        return p.isIdentity();
    }

    private static int[] field(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < be.length && i < 32; i++) {
            le[i] = be[be.length - 1 - i];
        }
        int[] f = create();
        decode(le, 0, f);
        return f;
    }

    /** A point as (Y-X, Y+X, 2dT, 2Z): ready to be added. Immutable once built. */
    record Cached(int[] ymx, int[] ypx, int[] t2d, int[] z2) {}
}
